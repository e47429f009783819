package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.engine.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens. It never fails: a character that no expression may hold becomes an OTHER token,
 * so that the parser reports it in DynamoDB's form, with the tokens around it.
 */
final class Lexer {

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int index;

    private Lexer(String text) {
        this.text = text;
    }

    /** The tokens of the text, ending with an END token at the end of the text. */
    static List<Token> tokens(String text) {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            while (index < text.length() && isSpace(text.charAt(index))) {
                index++;
            }
            if (index >= text.length()) {
                tokens.add(new Token(Kind.END, "", text.length(), text.length()));
                return;
            }
            char c = text.charAt(index);
            int start = index;
            if (isWordStart(c)) {
                index++;
                skipWordParts();
                add(Kind.WORD, start);
            } else if (c == '#' || c == ':') {
                index++;
                skipWordParts();
                // A sigil without a name is no placeholder, and DynamoDB reports it as the token of a syntax error.
                add(index == start + 1 ? Kind.OTHER : c == '#' ? Kind.NAME : Kind.VALUE, start);
            } else if (isDigit(c)) {
                while (index < text.length() && isDigit(text.charAt(index))) {
                    index++;
                }
                add(Kind.NUMBER, start);
            } else {
                symbol(c, start);
            }
        }
    }

    private void symbol(char c, int start) {
        char next = index + 1 < text.length() ? text.charAt(index + 1) : '\0';
        Kind two = null;
        if (c == '<' && next == '>') {
            two = Kind.NOT_EQUAL;
        } else if (c == '<' && next == '=') {
            two = Kind.LESS_OR_EQUAL;
        } else if (c == '>' && next == '=') {
            two = Kind.GREATER_OR_EQUAL;
        }
        if (two != null) {
            index += 2;
            add(two, start);
            return;
        }
        Kind one =
                switch (c) {
                    case '=' -> Kind.EQUAL;
                    case '<' -> Kind.LESS;
                    case '>' -> Kind.GREATER;
                    case '(' -> Kind.LEFT_PAREN;
                    case ')' -> Kind.RIGHT_PAREN;
                    case '[' -> Kind.LEFT_BRACKET;
                    case ']' -> Kind.RIGHT_BRACKET;
                    case ',' -> Kind.COMMA;
                    case '.' -> Kind.DOT;
                    case '+' -> Kind.PLUS;
                    case '-' -> Kind.MINUS;
                    default -> Kind.OTHER;
                };
        index += Character.charCount(text.codePointAt(index));
        add(one, start);
    }

    private void add(Kind kind, int start) {
        tokens.add(new Token(kind, text.substring(start, index), start, index));
    }

    private void skipWordParts() {
        while (index < text.length() && isWordPart(text.charAt(index))) {
            index++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** The characters that may follow a word's first, and that placeholders' names are made of. */
    static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }
}

package dev.wharf.cloudwatch.engine.math;

import dev.wharf.cloudwatch.engine.math.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens: numbers, strings, Ids, upper-case words, operators and punctuation. */
final class Lexer {

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int index;

    private Lexer(String text) {
        this.text = text;
    }

    /** The tokens of the text, ending with an END token; throws MathException for a character out of place. */
    static List<Token> tokens(String text) {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
                index++;
            }
            if (index >= text.length()) {
                tokens.add(new Token(Kind.END, "", index + 1));
                return;
            }
            char c = text.charAt(index);
            if (isDigit(c) || (c == '.' && index + 1 < text.length() && isDigit(text.charAt(index + 1)))) {
                number();
            } else if (isLetter(c)) {
                word();
            } else if (c == '"' || c == '\'') {
                string(c);
            } else {
                symbol(c);
            }
        }
    }

    private void number() {
        int start = index;
        skipDigits();
        if (index < text.length() && text.charAt(index) == '.') {
            index++;
            skipDigits();
        }
        if (index < text.length() && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
            int mark = index;
            index++;
            if (index < text.length() && (text.charAt(index) == '+' || text.charAt(index) == '-')) {
                index++;
            }
            if (index < text.length() && isDigit(text.charAt(index))) {
                skipDigits();
            } else {
                index = mark; // "2e" is the number 2 and then the word e, which the parser refuses.
            }
        }
        add(Kind.NUMBER, start);
    }

    private void word() {
        int start = index;
        while (index < text.length() && (isLetter(text.charAt(index)) || isDigit(text.charAt(index)))) {
            index++;
        }
        String word = text.substring(start, index);
        Kind kind =
                switch (word) {
                    case "AND" -> Kind.AND;
                    case "OR" -> Kind.OR;
                    case "NOT" -> Kind.NOT;
                    default -> word.charAt(0) >= 'a' && word.charAt(0) <= 'z' ? Kind.ID : Kind.WORD;
                };
        add(kind, start);
    }

    private void string(char quote) {
        int start = index;
        int close = text.indexOf(quote, index + 1);
        if (close < 0) {
            throw new MathException("Syntax error at position " + (start + 1) + ": the string is not closed");
        }
        tokens.add(new Token(Kind.STRING, text.substring(start + 1, close), start + 1));
        index = close + 1;
    }

    private void symbol(char c) {
        int start = index;
        char next = index + 1 < text.length() ? text.charAt(index + 1) : '\0';
        Kind two =
                switch (c) {
                    case '<' -> next == '=' ? Kind.LESS_OR_EQUAL : null;
                    case '>' -> next == '=' ? Kind.GREATER_OR_EQUAL : null;
                    case '=' -> next == '=' ? Kind.EQUAL : null;
                    case '!' -> next == '=' ? Kind.NOT_EQUAL : null;
                    case '&' -> next == '&' ? Kind.AND : null;
                    case '|' -> next == '|' ? Kind.OR : null;
                    default -> null;
                };
        if (two != null) {
            index += 2;
            add(two, start);
            return;
        }
        Kind one =
                switch (c) {
                    case '+' -> Kind.PLUS;
                    case '-' -> Kind.MINUS;
                    case '*' -> Kind.STAR;
                    case '/' -> Kind.SLASH;
                    case '^' -> Kind.CARET;
                    case '<' -> Kind.LESS;
                    case '>' -> Kind.GREATER;
                    case '(' -> Kind.LEFT_PAREN;
                    case ')' -> Kind.RIGHT_PAREN;
                    case '[' -> Kind.LEFT_BRACKET;
                    case ']' -> Kind.RIGHT_BRACKET;
                    case ',' -> Kind.COMMA;
                    default ->
                        throw new MathException(
                                "Syntax error at position " + (start + 1) + ": unexpected \"" + c + "\"");
                };
        index++;
        add(one, start);
    }

    private void add(Kind kind, int start) {
        tokens.add(new Token(kind, text.substring(start, index), start + 1));
    }

    private void skipDigits() {
        while (index < text.length() && isDigit(text.charAt(index))) {
            index++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}

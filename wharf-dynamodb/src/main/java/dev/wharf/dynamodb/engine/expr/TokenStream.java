package dev.wharf.dynamodb.engine.expr;

import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.DynamoDbLimits;
import dev.wharf.dynamodb.engine.expr.Token.Kind;
import dev.wharf.dynamodb.engine.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens of one expression and a cursor over them, with what every parser shares: DynamoDB's syntax error, the
 * problems found on the way, and document paths with their placeholders and reserved words.
 */
final class TokenStream {

    /** AWS: a document path nests at most 32 levels. */
    static final int PATH_DEPTH_MAX = 32;

    /** Wharf: how deeply parentheses, NOT and calls may nest, so that no expression runs the parser off its stack. */
    static final int NESTING_MAX = 100;

    private final String parameter;
    private final String text;
    private final ExpressionContext context;
    private final List<Token> tokens;
    private final List<String> keywords;
    private final Map<Problem, String> problems = new EnumMap<>(Problem.class);
    private int next;
    private int depth;

    /**
     * The tokens of an expression sent as the named parameter (ConditionExpression, ...); throws DynamoDB's
     * ValidationException for an empty expression or one longer than 4 KB.
     */
    TokenStream(String parameter, String text, ExpressionContext context, List<String> keywords) {
        this.parameter = parameter;
        this.keywords = keywords;
        this.text = text;
        this.context = context;
        if (text.isBlank()) {
            throw invalid("The expression can not be empty;");
        }
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > DynamoDbLimits.EXPRESSION_LENGTH_MAX) {
            throw invalid("Expression size has exceeded the maximum allowed size; expression size: " + size);
        }
        this.tokens = Lexer.tokens(text);
    }

    ExpressionContext context() {
        return context;
    }

    Token peek() {
        return tokens.get(next);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    boolean at(Kind kind) {
        return peek().kind() == kind;
    }

    boolean accept(Kind kind) {
        if (at(kind)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Kind kind) {
        if (!at(kind)) {
            throw syntaxError(peek());
        }
        return next();
    }

    boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    void expectEnd() {
        if (!at(Kind.END)) {
            throw syntaxError(peek());
        }
    }

    /** Counts one more level of nesting; throws when the expression nests deeper than any parser should follow. */
    void enter() {
        if (++depth > NESTING_MAX) {
            throw invalid("The expression nests more than " + NESTING_MAX + " levels");
        }
    }

    void leave() {
        depth--;
    }

    /**
     * DynamoDB's syntax error at a token: the token, and the text from the token before it to the token after it
     * (at the end, the token is {@code <EOF>} and the text runs to the end of the expression).
     */
    AwsException syntaxError(Token at) {
        int index = tokens.indexOf(at);
        int from = index > 0 ? tokens.get(index - 1).start() : at.start();
        int to = at.kind() == Kind.END ? text.length() : tokens.get(index + 1).end();
        if (at.kind() != Kind.END && tokens.get(index + 1).kind() == Kind.END) {
            to = text.length();
        }
        return invalid("Syntax error; token: \"" + at.shown() + "\", near: \"" + text.substring(from, to) + "\"");
    }

    /** DynamoDB's ValidationException for this expression: the message after "Invalid ConditionExpression: ". */
    AwsException invalid(String message) {
        return DynamoDbError.Validation.with("Invalid " + parameter + ": " + message);
    }

    /** Notes a problem; the first of each kind is the one DynamoDB would report. */
    void problem(Problem kind, String message) {
        problems.putIfAbsent(kind, message);
    }

    /** Throws the problem that DynamoDB reports first, by this parser's order of kinds, if any was found. */
    void throwProblems(List<Problem> order) {
        for (Problem kind : order) {
            String message = problems.get(kind);
            if (message != null) {
                throw invalid(message);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("a problem outside the parser's order: " + problems.keySet());
        }
    }

    /**
     * A document path: {@code name ("." name | "[" index "]")*}, where a name is a word or a {@code #name}
     * placeholder. Words that are reserved, and placeholders the request does not define, are noted as problems.
     */
    DocumentPath path() {
        List<DocumentPath.Element> elements = new ArrayList<>();
        elements.add(name());
        while (true) {
            if (accept(Kind.DOT)) {
                elements.add(name());
            } else if (accept(Kind.LEFT_BRACKET)) {
                Token index = expect(Kind.NUMBER);
                expect(Kind.RIGHT_BRACKET);
                elements.add(new DocumentPath.Element.Index(index(index)));
            } else {
                break;
            }
            if (elements.size() > PATH_DEPTH_MAX) {
                throw invalid("The document path has too many nesting levels; nesting levels: " + elements.size());
            }
        }
        return new DocumentPath(elements);
    }

    private int index(Token token) {
        try {
            return Integer.parseInt(token.text());
        } catch (NumberFormatException e) {
            throw syntaxError(token);
        }
    }

    private DocumentPath.Element.Name name() {
        Token token = peek();
        if (token.kind() == Kind.NAME) {
            next();
            String name = context.name(token.text());
            if (name == null) {
                problem(
                        Problem.UNDEFINED_NAME,
                        "An expression attribute name used in the document path is not defined; attribute name: "
                                + token.text());
                return new DocumentPath.Element.Name(token.text());
            }
            return new DocumentPath.Element.Name(name);
        }
        if (token.kind() != Kind.WORD || isKeyword(token)) {
            throw syntaxError(token);
        }
        next();
        if (ReservedWords.isReserved(token.text())) {
            problem(Problem.RESERVED_WORD, "Attribute name is a reserved keyword; reserved keyword: " + token.text());
        }
        return new DocumentPath.Element.Name(token.text());
    }

    /** True for the words that this expression's grammar takes for itself, which no path may use unquoted. */
    boolean isKeyword(Token token) {
        for (String keyword : keywords) {
            if (token.isKeyword(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** True at a function call: a word that is no keyword, then "(". */
    boolean atCall() {
        return at(Kind.WORD) && peek(1).kind() == Kind.LEFT_PAREN && !isKeyword(peek());
    }

    /** A document path or a {@code :value}, the operands that are no call and no parenthesised group. */
    Operand pathOrValue() {
        return switch (peek().kind()) {
            case WORD, NAME -> new Operand.Path(path());
            case VALUE -> value();
            default -> throw syntaxError(peek());
        };
    }

    /** Notes where a path overlaps or conflicts with one that the expression named before it. */
    void checkClashes(List<DocumentPath> earlier, DocumentPath path) {
        for (DocumentPath other : earlier) {
            switch (other.clash(path)) {
                case OVERLAP -> problem(Problem.PATH_OVERLAP, clash("overlap", other, path));
                case CONFLICT -> problem(Problem.PATH_CONFLICT, clash("conflict", other, path));
                case NONE -> {}
            }
        }
    }

    private static String clash(String kind, DocumentPath one, DocumentPath two) {
        return "Two document paths " + kind + " with each other; must remove or rewrite one of these paths; path one: "
                + one + ", path two: " + two;
    }

    /** A {@code :value} placeholder's operand; an undefined one is noted as a problem. */
    Operand.Literal value() {
        Token token = expect(Kind.VALUE);
        Value value = context.value(token.text());
        if (value == null) {
            problem(
                    Problem.UNDEFINED_VALUE,
                    "An expression attribute value used in expression is not defined; attribute value: "
                            + token.text());
        }
        return new Operand.Literal(value, token.text());
    }
}

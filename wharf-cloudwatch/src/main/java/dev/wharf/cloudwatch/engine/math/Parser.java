package dev.wharf.cloudwatch.engine.math;

import dev.wharf.cloudwatch.engine.math.Token.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the tokens of an expression into a tree, by recursive descent over this grammar, loosest first:
 *
 * <pre>
 * or         := and (("OR" | "||") and)*
 * and        := not (("AND" | "&amp;&amp;") not)*
 * not        := "NOT" not | comparison
 * comparison := additive (("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") additive)*
 * additive   := term (("+" | "-") term)*
 * term       := unary (("*" | "/") unary)*
 * unary      := "-" unary | power
 * power      := primary ("^" unary)?
 * primary    := number | id | FUNCTION "(" arguments? ")" | "(" or ")" | "[" or ("," or)* "]"
 * </pre>
 *
 * <p>So {@code ^} binds tightest and to the right ({@code 2^3^2} is 512, {@code -2^2} is -4), and the binary
 * operators group to the left. A call's arguments are checked here, for number and keywords; their types only when
 * the expression is evaluated, since an Id's type is known only then.
 */
final class Parser {

    private final List<Token> tokens;
    private final Set<String> references = new LinkedHashSet<>();
    private int next;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The tree of the text, and the Ids it names in order of appearance. */
    record Parsed(Node root, Set<String> references) {}

    static Parsed parse(String text) {
        Parser parser = new Parser(Lexer.tokens(text));
        Node root = parser.or();
        if (parser.peek().kind() != Kind.END) {
            throw parser.unexpected(parser.peek());
        }
        return new Parsed(root, Collections.unmodifiableSet(parser.references));
    }

    private Node or() {
        enter();
        Node left = and();
        while (accept(Kind.OR)) {
            left = new Node.Binary(Operator.OR, left, and());
        }
        depth--;
        return left;
    }

    private Node and() {
        Node left = not();
        while (accept(Kind.AND)) {
            left = new Node.Binary(Operator.AND, left, not());
        }
        return left;
    }

    private Node not() {
        if (accept(Kind.NOT)) {
            enter();
            Node operand = not();
            depth--;
            return new Node.Not(operand);
        }
        return comparison();
    }

    private Node comparison() {
        Node left = additive();
        while (true) {
            Operator operator =
                    switch (peek().kind()) {
                        case EQUAL -> Operator.EQUAL;
                        case NOT_EQUAL -> Operator.NOT_EQUAL;
                        case LESS -> Operator.LESS;
                        case LESS_OR_EQUAL -> Operator.LESS_OR_EQUAL;
                        case GREATER -> Operator.GREATER;
                        case GREATER_OR_EQUAL -> Operator.GREATER_OR_EQUAL;
                        default -> null;
                    };
            if (operator == null) {
                return left;
            }
            next++;
            left = new Node.Binary(operator, left, additive());
        }
    }

    private Node additive() {
        Node left = term();
        while (true) {
            if (accept(Kind.PLUS)) {
                left = new Node.Binary(Operator.ADD, left, term());
            } else if (accept(Kind.MINUS)) {
                left = new Node.Binary(Operator.SUBTRACT, left, term());
            } else {
                return left;
            }
        }
    }

    private Node term() {
        Node left = unary();
        while (true) {
            if (accept(Kind.STAR)) {
                left = new Node.Binary(Operator.MULTIPLY, left, unary());
            } else if (accept(Kind.SLASH)) {
                left = new Node.Binary(Operator.DIVIDE, left, unary());
            } else {
                return left;
            }
        }
    }

    private Node unary() {
        if (accept(Kind.MINUS)) {
            enter();
            Node operand = unary();
            depth--;
            return new Node.Negate(operand);
        }
        Node base = primary();
        return accept(Kind.CARET) ? new Node.Binary(Operator.POWER, base, unary()) : base;
    }

    private Node primary() {
        Token token = take();
        return switch (token.kind()) {
            case NUMBER -> new Node.Constant(Double.parseDouble(token.text()));
            case ID -> {
                if (peek().kind() == Kind.LEFT_PAREN) {
                    throw new MathException(
                            "Unknown function: " + token.text() + " (function names are written in upper case)");
                }
                references.add(token.text());
                yield new Node.Reference(token.text());
            }
            case WORD -> call(token);
            case LEFT_PAREN -> {
                Node inner = or();
                expect(Kind.RIGHT_PAREN);
                yield inner;
            }
            case LEFT_BRACKET -> array();
            default -> throw unexpected(token);
        };
    }

    private Node array() {
        List<Node> elements = new ArrayList<>();
        do {
            elements.add(or());
        } while (accept(Kind.COMMA));
        expect(Kind.RIGHT_BRACKET);
        return new Node.Array(List.copyOf(elements));
    }

    private Node call(Token name) {
        if (peek().kind() != Kind.LEFT_PAREN) {
            throw unexpected(name);
        }
        Function function = Function.named(name.text());
        if (function == null) {
            throw new MathException(
                    Function.UNSUPPORTED.contains(name.text())
                            ? "Wharf does not support the function " + name.text()
                            : "Unknown function: " + name.text());
        }
        next++;
        List<Token> starts = new ArrayList<>();
        List<Node> arguments = new ArrayList<>();
        if (!accept(Kind.RIGHT_PAREN)) {
            do {
                starts.add(peek());
                arguments.add(argument());
            } while (accept(Kind.COMMA));
            expect(Kind.RIGHT_PAREN);
        }
        if (arguments.size() < function.argumentsMin() || arguments.size() > function.argumentsMax()) {
            throw new MathException(
                    "The function " + function + " takes " + function.arity() + ", not " + arguments.size());
        }
        CallRules.check(function, arguments, starts);
        return new Node.Call(function, List.copyOf(arguments));
    }

    /** A keyword or string alone as an argument, which only the call may accept, or any expression. */
    private Node argument() {
        Token token = peek();
        Kind after = tokens.get(next + 1 < tokens.size() ? next + 1 : next).kind();
        boolean alone = after == Kind.COMMA || after == Kind.RIGHT_PAREN;
        if (alone && token.kind() == Kind.WORD) {
            next++;
            return new Node.Keyword(token.text());
        }
        if (alone && token.kind() == Kind.STRING) {
            next++;
            return new Node.Text(token.text());
        }
        return or();
    }

    private void enter() {
        if (++depth > MathLimits.DEPTH_MAX) {
            throw new MathException("The expression nests more than " + MathLimits.DEPTH_MAX + " levels deep");
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private boolean accept(Kind kind) {
        if (peek().kind() == kind) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(Kind kind) {
        if (!accept(kind)) {
            throw unexpected(peek());
        }
    }

    private MathException unexpected(Token token) {
        if (token.kind() == Kind.END) {
            return new MathException("Syntax error: the expression ends too early");
        }
        return new MathException("Syntax error at position " + token.position() + ": unexpected " + token.quoted());
    }
}

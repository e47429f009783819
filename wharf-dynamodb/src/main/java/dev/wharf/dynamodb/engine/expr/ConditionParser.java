package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.api.DynamoDbLimits;
import dev.wharf.dynamodb.engine.expr.Predicate.Comparator;
import dev.wharf.dynamodb.engine.expr.Token.Kind;
import dev.wharf.dynamodb.engine.value.Type;
import dev.wharf.dynamodb.engine.value.Value;
import dev.wharf.dynamodb.engine.value.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses a condition expression (ConditionExpression, FilterExpression, KeyConditionExpression) by recursive descent
 * over AWS's grammar, loosest first:
 *
 * <pre>
 * or         := and ("OR" and)*
 * and        := not ("AND" not)*
 * not        := "NOT" not | comparison
 * comparison := primary (comparator primary | "BETWEEN" primary "AND" primary | "IN" "(" primary ("," primary)* ")")?
 * primary    := "(" or ")" | function "(" primary ("," primary)* ")" | path | :value
 * </pre>
 *
 * <p>A parenthesised stretch may hold a condition or an operand, so {@code primary} gives a {@link Node} whose role
 * is checked where it is used: an operand where a condition belongs is a syntax error at the token after it, a
 * function by its name is a predicate or ({@code size}) an operand, else misused. Keywords match in any case,
 * function names exactly.
 */
final class ConditionParser {

    static final List<String> KEYWORDS = List.of("AND", "OR", "NOT", "BETWEEN", "IN");

    private static final List<Problem> ORDER = List.of(
            Problem.REDUNDANT_PARENTHESES,
            Problem.UNKNOWN_FUNCTION,
            Problem.MISUSED_FUNCTION,
            Problem.RESERVED_WORD,
            Problem.UNDEFINED_NAME,
            Problem.UNDEFINED_VALUE,
            Problem.OPERAND_COUNT,
            Problem.NOT_DISTINCT,
            Problem.REQUIRES_PATH,
            Problem.OPERAND_TYPE);

    private static final Operand NONE = new Operand.Literal(null, "");

    private final TokenStream in;
    private final Set<Node> grouped = Collections.newSetFromMap(new IdentityHashMap<>());

    private ConditionParser(TokenStream in) {
        this.in = in;
    }

    /** The predicate of a whole expression; throws DynamoDB's ValidationException for one it refuses. */
    static Predicate parse(TokenStream in) {
        ConditionParser parser = new ConditionParser(in);
        Node root = parser.or();
        Predicate predicate = parser.asPredicate(root, in.peek());
        in.expectEnd();
        in.throwProblems(ORDER);
        return predicate;
    }

    private Node or() {
        Node left = and();
        while (in.peek().isKeyword("OR")) {
            Predicate first = asPredicate(left, in.next());
            Node right = and();
            left = new Predicate.Or(first, asPredicate(right, in.peek()));
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (in.peek().isKeyword("AND")) {
            Predicate first = asPredicate(left, in.next());
            Node right = not();
            left = new Predicate.And(first, asPredicate(right, in.peek()));
        }
        return left;
    }

    private Node not() {
        if (!in.peek().isKeyword("NOT")) {
            return comparison();
        }
        in.next();
        in.enter();
        Node operand = not();
        in.leave();
        return new Predicate.Not(asPredicate(operand, in.peek()));
    }

    private Node comparison() {
        Node left = primary();
        Token token = in.peek();
        Comparator comparator = comparator(token);
        if (comparator != null) {
            in.next();
            Operand first = asOperand(left, token);
            Operand second = asOperand(primary(), in.peek());
            checkDistinct(comparator.text(), first, second);
            return new Predicate.Comparison(comparator, first, second);
        }
        if (token.isKeyword("BETWEEN")) {
            in.next();
            Operand operand = asOperand(left, token);
            Operand low = asOperand(primary(), in.peek());
            if (!in.acceptKeyword("AND")) {
                throw in.syntaxError(in.peek());
            }
            Operand high = asOperand(primary(), in.peek());
            checkBetween(low, high);
            return new Predicate.Between(operand, low, high);
        }
        if (token.isKeyword("IN")) {
            in.next();
            Operand operand = asOperand(left, token);
            in.expect(Kind.LEFT_PAREN);
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(asOperand(primary(), in.peek()));
            } while (in.accept(Kind.COMMA));
            in.expect(Kind.RIGHT_PAREN);
            if (candidates.size() > DynamoDbLimits.IN_OPERANDS_MAX) {
                throw in.invalid(
                        "The IN operator is provided with too many operands; number of operands: " + candidates.size());
            }
            return new Predicate.In(operand, candidates);
        }
        return left;
    }

    private static @Nullable Comparator comparator(Token token) {
        return switch (token.kind()) {
            case EQUAL -> Comparator.EQUAL;
            case NOT_EQUAL -> Comparator.NOT_EQUAL;
            case LESS -> Comparator.LESS;
            case LESS_OR_EQUAL -> Comparator.LESS_OR_EQUAL;
            case GREATER -> Comparator.GREATER;
            case GREATER_OR_EQUAL -> Comparator.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private Node primary() {
        if (in.accept(Kind.LEFT_PAREN)) {
            in.enter();
            Node inner = or();
            in.expect(Kind.RIGHT_PAREN);
            in.leave();
            if (!grouped.add(inner)) {
                in.problem(Problem.REDUNDANT_PARENTHESES, "The expression has redundant parentheses;");
            }
            return inner;
        }
        return in.atCall() ? call() : in.pathOrValue();
    }

    private Node call() {
        Token name = in.next();
        in.expect(Kind.LEFT_PAREN);
        in.enter();
        List<Node> arguments = new ArrayList<>();
        List<Token> after = new ArrayList<>();
        do {
            arguments.add(primary());
            after.add(in.peek());
        } while (in.accept(Kind.COMMA));
        in.expect(Kind.RIGHT_PAREN);
        in.leave();
        return new Node.Call(name, arguments, after);
    }

    private Predicate asPredicate(Node node, Token after) {
        return switch (node) {
            case Predicate predicate -> predicate;
            case Node.Call call -> callAsPredicate(call);
            case Operand ignored -> throw in.syntaxError(after);
        };
    }

    private Operand asOperand(Node node, Token after) {
        return switch (node) {
            case Operand operand -> operand;
            case Predicate ignored -> throw in.syntaxError(after);
            case Node.Call call -> callAsOperand(call);
        };
    }

    private Predicate callAsPredicate(Node.Call call) {
        String name = call.name().text();
        List<Operand> arguments =
                switch (name) {
                    case "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains" ->
                        arguments(call);
                    case "size" -> {
                        misused(name);
                        yield List.of();
                    }
                    default -> {
                        unknown(name);
                        yield List.of();
                    }
                };
        if (arguments.isEmpty() || !hasOperands(name, arguments)) {
            return new Predicate.True();
        }
        return switch (name) {
            case "attribute_exists", "attribute_not_exists" -> exists(name, arguments.getFirst());
            case "attribute_type" -> attributeType(arguments);
            case "begins_with" -> {
                checkDistinct(name, arguments.get(0), arguments.get(1));
                for (Operand argument : arguments) {
                    Type type = argument.knownType();
                    if (type != null && type != Type.S && type != Type.B) {
                        operandType(name, type.name());
                    }
                }
                yield new Predicate.BeginsWith(arguments.get(0), arguments.get(1));
            }
            default -> {
                checkDistinct(name, arguments.get(0), arguments.get(1));
                yield new Predicate.Contains(arguments.get(0), arguments.get(1));
            }
        };
    }

    private Operand callAsOperand(Node.Call call) {
        String name = call.name().text();
        switch (name) {
            case "size" -> {
                List<Operand> arguments = arguments(call);
                if (!hasOperands(name, arguments)) {
                    return NONE;
                }
                Type type = arguments.getFirst().knownType();
                if (type == Type.N || type == Type.BOOL || type == Type.NULL) {
                    operandType(name, type.name());
                }
                return new Operand.Size(arguments.getFirst());
            }
            case "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains" ->
                misused(name);
            default -> unknown(name);
        }
        return NONE;
    }

    private List<Operand> arguments(Node.Call call) {
        List<Operand> operands = new ArrayList<>(call.arguments().size());
        for (int i = 0; i < call.arguments().size(); i++) {
            operands.add(
                    asOperand(call.arguments().get(i), call.afterArguments().get(i)));
        }
        return operands;
    }

    private boolean hasOperands(String function, List<Operand> arguments) {
        int expected =
                switch (function) {
                    case "attribute_exists", "attribute_not_exists", "size" -> 1;
                    default -> 2;
                };
        if (arguments.size() != expected) {
            in.problem(
                    Problem.OPERAND_COUNT,
                    "Incorrect number of operands for operator or function; operator or function: " + function
                            + ", number of operands: " + arguments.size());
            return false;
        }
        return true;
    }

    private Predicate exists(String function, Operand argument) {
        if (!(argument instanceof Operand.Path path)) {
            in.problem(
                    Problem.REQUIRES_PATH,
                    "Operator or function requires a document path; operator or function: " + function);
            return new Predicate.True();
        }
        return new Predicate.Exists(path.path(), function.equals("attribute_exists"));
    }

    private Predicate attributeType(List<Operand> arguments) {
        checkDistinct("attribute_type", arguments.get(0), arguments.get(1));
        Type known = arguments.get(1).knownType();
        if (known != Type.S) {
            operandType("attribute_type", known == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : known.name());
            return new Predicate.True();
        }
        String descriptor = ((Value.S) ((Operand.Literal) arguments.get(1)).get()).value();
        Type type = Type.byDescriptor(descriptor);
        if (type == null) {
            in.problem(
                    Problem.OPERAND_TYPE,
                    "Invalid attribute type name found; type: " + descriptor
                            + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
            return new Predicate.True();
        }
        return new Predicate.AttributeType(arguments.get(0), type);
    }

    private void checkDistinct(String operator, Operand first, Operand second) {
        if (first instanceof Operand.Path a
                && second instanceof Operand.Path b
                && a.path().equals(b.path())) {
            in.problem(
                    Problem.NOT_DISTINCT,
                    "The first operand must be distinct from the remaining operands for this operator or function; "
                            + "operator: " + operator + ", first operand: " + a.path());
        }
    }

    private void checkBetween(Operand low, Operand high) {
        if (!(low instanceof Operand.Literal l && l.value() != null)
                || !(high instanceof Operand.Literal h && h.value() != null)) {
            return;
        }
        Value lowValue = l.get();
        Value highValue = h.get();
        String operands = "lower bound operand: AttributeValue: " + shown(lowValue)
                + ", upper bound operand: AttributeValue: " + shown(highValue);
        if (lowValue.type() != highValue.type()) {
            in.problem(
                    Problem.OPERAND_TYPE,
                    "The BETWEEN operator requires same data type for lower and upper bounds; " + operands);
        } else if (Values.comparable(lowValue, highValue) && Values.compare(lowValue, highValue) > 0) {
            in.problem(
                    Problem.OPERAND_TYPE,
                    "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                            + operands);
        }
    }

    /** A value as DynamoDB shows one in its messages: {@code {N:1}}, {@code {S:a}}. */
    static String shown(Value value) {
        String text =
                switch (value) {
                    case Value.S s -> s.value();
                    case Value.N n -> n.text();
                    case Value.B b -> b.value().base64();
                    default -> value.toString();
                };
        return "{" + value.type().name() + ":" + text + "}";
    }

    private void operandType(String function, String type) {
        in.problem(
                Problem.OPERAND_TYPE,
                "Incorrect operand type for operator or function; operator or function: " + function
                        + ", operand type: " + type);
    }

    private void misused(String function) {
        in.problem(
                Problem.MISUSED_FUNCTION,
                "The function is not allowed to be used this way in an expression; function: " + function);
    }

    private void unknown(String function) {
        in.problem(Problem.UNKNOWN_FUNCTION, "Invalid function name; function: " + function);
    }
}

package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.engine.expr.Token.Kind;
import dev.wharf.dynamodb.engine.value.Type;
import dev.wharf.dynamodb.engine.value.Value;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses an UpdateExpression by recursive descent over AWS's grammar:
 *
 * <pre>
 * update  := clause+
 * clause  := "SET" set ("," set)* | "REMOVE" path ("," path)* | "ADD" path :value ("," path :value)*
 *          | "DELETE" path :value ("," path :value)*
 * set     := path "=" value
 * value   := operand (("+" | "-") operand)? | "(" value ")"
 * operand := "(" operand ")" | function "(" operand ("," operand)* ")" | path | :value
 * </pre>
 *
 * <p>Each clause comes at most once, and no two actions' paths may overlap or conflict. The functions are {@code
 * if_not_exists(path, operand)} and {@code list_append(operand, operand)}; literals are only {@code :values}.
 */
final class UpdateParser {

    static final List<String> KEYWORDS = List.of("SET", "REMOVE", "ADD", "DELETE");

    private static final List<Problem> ORDER = List.of(
            Problem.RESERVED_WORD,
            Problem.UNKNOWN_FUNCTION,
            Problem.SECTION_REPEATED,
            Problem.UNDEFINED_NAME,
            Problem.UNDEFINED_VALUE,
            Problem.PATH_OVERLAP,
            Problem.PATH_CONFLICT,
            Problem.ACTION_OPERAND_TYPE,
            Problem.OPERAND_COUNT,
            Problem.REQUIRES_PATH,
            Problem.OPERAND_TYPE);

    private static final Set<Type> ADDABLE = EnumSet.of(Type.N, Type.SS, Type.NS, Type.BS);

    private final TokenStream in;
    private final List<Action> actions = new ArrayList<>();
    private final List<DocumentPath> paths = new ArrayList<>();
    private final Set<String> clauses = new HashSet<>();

    private UpdateParser(TokenStream in) {
        this.in = in;
    }

    static List<Action> parse(TokenStream in) {
        UpdateParser parser = new UpdateParser(in);
        do {
            parser.clause();
        } while (!in.at(Kind.END));
        in.throwProblems(ORDER);
        return List.copyOf(parser.actions);
    }

    private void clause() {
        Token keyword = in.peek();
        String clause = keyword.kind() == Kind.WORD ? keyword.text().toUpperCase(Locale.ROOT) : "";
        if (!KEYWORDS.contains(clause)) {
            throw in.syntaxError(keyword);
        }
        in.next();
        if (!clauses.add(clause)) {
            in.problem(
                    Problem.SECTION_REPEATED,
                    "The \"" + clause + "\" section can only be used once in an update expression;");
        }
        do {
            DocumentPath path = in.path();
            Action action =
                    switch (clause) {
                        case "SET" -> {
                            in.expect(Kind.EQUAL);
                            yield new Action.Set(path, value());
                        }
                        case "REMOVE" -> new Action.Remove(path);
                        default -> {
                            Operand.Literal literal = in.value();
                            Type type = literal.knownType();
                            boolean add = clause.equals("ADD");
                            if (type != null && !(add ? ADDABLE.contains(type) : type.isSet())) {
                                in.problem(
                                        Problem.ACTION_OPERAND_TYPE,
                                        "Incorrect operand type for operator or function; operator: " + clause
                                                + ", operand type: " + type.longName());
                            }
                            // An undefined placeholder is reported before any action runs; NULL only holds its place.
                            Value value = literal.value();
                            Value operand = value == null ? Value.Null.INSTANCE : value;
                            yield add ? new Action.Add(path, operand, false) : new Action.Delete(path, operand, false);
                        }
                    };
            in.checkClashes(paths, path);
            paths.add(path);
            actions.add(action);
        } while (in.accept(Kind.COMMA));
    }

    private Operand value() {
        if (in.at(Kind.LEFT_PAREN)) {
            in.next();
            in.enter();
            Operand inner = value();
            in.expect(Kind.RIGHT_PAREN);
            in.leave();
            return inner instanceof Operand.Arithmetic ? inner : arithmetic(inner);
        }
        return arithmetic(operand());
    }

    private Operand arithmetic(Operand left) {
        boolean plus = in.at(Kind.PLUS);
        if (!plus && !in.at(Kind.MINUS)) {
            return left;
        }
        String operator = in.next().text();
        Operand right = operand();
        for (Operand operand : List.of(left, right)) {
            Type type = operand.knownType();
            if (type != null && type != Type.N) {
                operandType(operator, type);
            }
        }
        return new Operand.Arithmetic(plus, left, right);
    }

    private Operand operand() {
        if (in.accept(Kind.LEFT_PAREN)) {
            in.enter();
            Operand inner = operand();
            in.expect(Kind.RIGHT_PAREN);
            in.leave();
            return inner;
        }
        return in.atCall() ? function() : in.pathOrValue();
    }

    private Operand function() {
        String name = in.next().text();
        in.expect(Kind.LEFT_PAREN);
        in.enter();
        List<Operand> arguments = new ArrayList<>();
        do {
            arguments.add(operand());
        } while (in.accept(Kind.COMMA));
        in.expect(Kind.RIGHT_PAREN);
        in.leave();
        if (!name.equals("if_not_exists") && !name.equals("list_append")) {
            in.problem(Problem.UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
            return arguments.getFirst();
        }
        if (arguments.size() != 2) {
            in.problem(
                    Problem.OPERAND_COUNT,
                    "Incorrect number of operands for operator or function; operator or function: " + name
                            + ", number of operands: " + arguments.size());
            return arguments.getFirst();
        }
        if (name.equals("if_not_exists")) {
            if (!(arguments.get(0) instanceof Operand.Path path)) {
                in.problem(
                        Problem.REQUIRES_PATH,
                        "Operator or function requires a document path; operator or function: " + name);
                return arguments.get(1);
            }
            return new Operand.IfNotExists(path.path(), arguments.get(1));
        }
        for (Operand argument : arguments) {
            Type type = argument.knownType();
            if (type != null && type != Type.L) {
                operandType(name, type);
            }
        }
        return new Operand.ListAppend(arguments.get(0), arguments.get(1));
    }

    private void operandType(String function, Type type) {
        in.problem(
                Problem.OPERAND_TYPE,
                "Incorrect operand type for operator or function; operator or function: " + function
                        + ", operand type: " + type.name());
    }
}

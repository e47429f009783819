package dev.wharf.cloudwatch.engine.math;

import java.util.List;

/** A parsed expression's tree: the closed set of its nodes. */
sealed interface Node {

    /** A number, such as {@code 100} or {@code 0.5}. */
    record Constant(double value) implements Node {}

    /** A quoted string: only METRICS' filter. */
    record Text(String value) implements Node {}

    /** The Id of another query. */
    record Reference(String id) implements Node {}

    /** A keyword argument: FILL's REPEAT and LINEAR, SORT's statistic and order. */
    record Keyword(String word) implements Node {}

    /** Unary minus. */
    record Negate(Node operand) implements Node {}

    /** {@code NOT}: 1 where the operand is 0, else 0. */
    record Not(Node operand) implements Node {}

    /** An operator between two operands. */
    record Binary(Operator operator, Node left, Node right) implements Node {}

    /** A call of a supported function, its arguments already checked for number and keywords. */
    record Call(Function function, List<Node> arguments) implements Node {}

    /** An array literal, {@code [m1, m2]}, whose arrays are flattened into it. */
    record Array(List<Node> elements) implements Node {}
}

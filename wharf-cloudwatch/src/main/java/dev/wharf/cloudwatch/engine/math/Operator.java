package dev.wharf.cloudwatch.engine.math;

/** The binary operators of metric math, each with its symbol as AWS writes it and what it computes for two numbers. */
enum Operator {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/"),
    POWER("^"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    EQUAL("=="),
    NOT_EQUAL("!="),
    AND("AND"),
    OR("OR");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** The operator applied to two numbers; comparisons and logic answer 1 for true and 0 for false. */
    double apply(double left, double right) {
        return switch (this) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> left / right;
            case POWER -> Math.pow(left, right);
            case LESS -> truth(left < right);
            case LESS_OR_EQUAL -> truth(left <= right);
            case GREATER -> truth(left > right);
            case GREATER_OR_EQUAL -> truth(left >= right);
            case EQUAL -> truth(left == right);
            case NOT_EQUAL -> truth(left != right);
            case AND -> truth(left != 0 && right != 0);
            case OR -> truth(left != 0 || right != 0);
        };
    }

    static double truth(boolean value) {
        return value ? 1 : 0;
    }
}

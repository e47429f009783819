package dev.wharf.cloudwatch.engine.math;

/**
 * The result of evaluating an expression: a single series or an array of series, and whether any datapoint was dropped
 * because its value was not finite (a division by zero, the logarithm of zero, and the like).
 *
 * <p>AWS reports such drops in the query's MetricDataResult as a message with code {@link #ARITHMETIC_ERROR_CODE} and
 * text {@link #ARITHMETIC_ERROR_MESSAGE}, and still answers with status {@code Complete}.
 */
public record Evaluation(MathValue value, boolean datapointsDropped) {

    /** The MessageData code of a drop. */
    public static final String ARITHMETIC_ERROR_CODE = "ArithmeticError";

    /** The MessageData value of a drop, as AWS words it. */
    public static final String ARITHMETIC_ERROR_MESSAGE =
            "One or more data-points have been dropped due to non-numeric values (NaN, -Infinite, +Infinite)";

    /** Checks that the value is what an expression may finally return: never a scalar. */
    public Evaluation {
        if (value instanceof MathValue.Scalar) {
            throw new IllegalArgumentException("an expression's result is never a scalar");
        }
    }
}

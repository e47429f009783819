package dev.wharf.cloudwatch.engine.math;

import java.util.Locale;

/** Parses CloudWatch metric math expressions, as GetMetricData's {@code Expression} carries them. */
public final class MetricMath {

    /** AWS: the longest {@code Expression}, in characters. */
    public static final int EXPRESSION_LENGTH_MAX = MathLimits.EXPRESSION_LENGTH_MAX;

    private MetricMath() {}

    /**
     * Parses an expression.
     *
     * @throws MathException for an empty or too long expression, a syntax error, an unknown function, a function that
     *     Wharf does not support, a wrong number of arguments or a keyword out of place, and for a Metrics Insights
     *     query, which is not metric math
     */
    public static Expression parse(String text) {
        if (text.length() > MathLimits.EXPRESSION_LENGTH_MAX) {
            throw new MathException("The expression has " + text.length() + " characters, more than "
                    + MathLimits.EXPRESSION_LENGTH_MAX);
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new MathException("The expression is empty");
        }
        if (trimmed.toUpperCase(Locale.ROOT).matches("(?s)SELECT\\s.*")) {
            throw new MathException("Wharf does not support Metrics Insights queries");
        }
        Parser.Parsed parsed = Parser.parse(text);
        return new Expression(text, parsed.root(), parsed.references());
    }
}

package dev.wharf.cloudwatch.engine.math;

/**
 * The bounds of metric math: AWS's documented quotas where there are some, and those that Wharf adds so that no
 * expression can make parsing or evaluation unbounded.
 */
final class MathLimits {

    /** AWS: a MetricDataQuery's {@code Expression} has "Minimum: 1, Maximum: 2048" characters. */
    static final int EXPRESSION_LENGTH_MAX = 2048;

    /**
     * Wharf: how deeply parentheses, brackets, calls and unary operators may nest. Real expressions nest a handful of
     * levels; the bound keeps the parser's recursion, and the evaluator's that follows it, off the stack's limit.
     */
    static final int DEPTH_MAX = 100;

    /**
     * Wharf: the most series an array may hold. AWS: a GetMetricData call has at most 500 queries, so that
     * {@code METRICS()} never returns more.
     */
    static final int SERIES_ARRAY_MAX = 500;

    /**
     * AWS: a GetMetricData call returns at most 100,800 datapoints. Wharf: a series that an expression makes from the
     * request's range and period ({@code FILL}, {@code TIME_SERIES}, {@code MINUTE} and the like) has no more.
     */
    static final int GRID_DATAPOINTS_MAX = 100_800;

    /**
     * Wharf: the most datapoints that one evaluation may make, intermediate results included: a hundred series of the
     * longest kind, some 160 MB if all were held at once.
     */
    static final long EVALUATION_DATAPOINTS_MAX = 10_080_000;

    private MathLimits() {}
}

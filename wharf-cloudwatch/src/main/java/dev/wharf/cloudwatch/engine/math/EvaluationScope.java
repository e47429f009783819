package dev.wharf.cloudwatch.engine.math;

import org.jspecify.annotations.Nullable;

/**
 * The state of one evaluation: its context, whether a non-finite datapoint was dropped, the datapoints made so far
 * against {@link MathLimits#EVALUATION_DATAPOINTS_MAX}, and the timestamps of the request's range.
 *
 * <p>Used by one thread, for one evaluation.
 */
final class EvaluationScope {

    private final MathContext context;
    private boolean dropped;
    private long datapoints;
    private long @Nullable [] grid;

    EvaluationScope(MathContext context) {
        this.context = context;
    }

    MathContext context() {
        return context;
    }

    /** Records that a datapoint was dropped because its value was not finite. */
    void onDropped() {
        dropped = true;
    }

    boolean anyDropped() {
        return dropped;
    }

    /** Counts datapoints that the evaluation made; throws MathException past the bound. */
    void charge(int count) {
        datapoints += count;
        if (datapoints > MathLimits.EVALUATION_DATAPOINTS_MAX) {
            throw new MathException(
                    "The expression makes more than " + MathLimits.EVALUATION_DATAPOINTS_MAX + " datapoints");
        }
    }

    /**
     * The timestamps of every period of the request's range, StartTime first, which the functions that make a
     * non-sparse series fill; throws MathException if there are more than {@link MathLimits#GRID_DATAPOINTS_MAX}.
     */
    long[] grid() {
        long[] known = grid;
        if (known != null) {
            return known;
        }
        long period = context.periodSeconds();
        if (period <= 0) {
            throw new IllegalStateException("period " + period + " is not positive");
        }
        long start = context.startSeconds();
        long span = context.endSeconds() - start;
        long count = span <= 0 ? 0 : (span + period - 1) / period;
        if (count > MathLimits.GRID_DATAPOINTS_MAX) {
            throw new MathException("The expression would make " + count + " datapoints for one series, more than "
                    + MathLimits.GRID_DATAPOINTS_MAX);
        }
        long[] made = new long[(int) count];
        for (int i = 0; i < made.length; i++) {
            made[i] = start + i * period;
        }
        grid = made;
        return made;
    }
}

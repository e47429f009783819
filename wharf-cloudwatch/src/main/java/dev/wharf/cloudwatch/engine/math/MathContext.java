package dev.wharf.cloudwatch.engine.math;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an expression may read while it evaluates: the other queries of the GetMetricData request, its period and its
 * time range.
 *
 * <p>The caller orders a request's queries by {@link Expression#references()} and evaluates an expression only after
 * everything it references; an expression never calls back into itself.
 */
public interface MathContext {

    /**
     * The value of another query by its Id: a MetricStat query's series, or the result of an expression evaluated
     * earlier; null if the request has no such query.
     */
    @Nullable
    MathValue value(String id);

    /** Every MetricStat query's series, in the order of the request, which {@code METRICS()} returns. */
    List<Named> metrics();

    /**
     * The expression's period in seconds, greater than zero: {@code PERIOD()}'s answer and the step of the series that
     * {@code FILL}, {@code TIME_SERIES} and {@code MINUTE} and the other calendar functions make.
     */
    int periodSeconds();

    /**
     * The request's StartTime in epoch seconds, already rounded as CloudWatch rounds it, so that it falls on the
     * timestamp of a period: the first timestamp that {@code FILL} and {@code TIME_SERIES} make.
     */
    long startSeconds();

    /** The request's EndTime in epoch seconds, exclusive. */
    long endSeconds();

    /** A MetricStat query's Id and its series. */
    record Named(String id, TimeSeries series) {}
}

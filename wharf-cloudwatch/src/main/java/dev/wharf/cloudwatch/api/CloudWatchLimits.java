package dev.wharf.cloudwatch.api;

import java.time.Duration;

/**
 * CloudWatch's quotas and retention as AWS documents them, and Wharf's own bounds where AWS has none.
 *
 * @param maxSeries the number of metric series that the server keeps across accounts (Wharf's bound: AWS has none);
 *     a PutMetricData that would create one more is refused with {@code LimitExceeded}
 * @param maxAlarms alarms per account (AWS's default quota is 10,000 metric alarms per region)
 */
public record CloudWatchLimits(int maxSeries, int maxAlarms) {

    /** Metric data items in one PutMetricData. */
    public static final int MAX_METRIC_DATA = 1_000;
    /** Dimensions of one metric. */
    public static final int MAX_DIMENSIONS = 30;
    /** Values (and counts) of one datum. */
    public static final int MAX_VALUES = 150;
    /** Characters of a namespace, metric name, dimension name or value. */
    public static final int MAX_NAME_CHARS = 255;
    /** Values are refused outside -2^360..2^360, as AWS does; NaN and the infinities too. */
    public static final double MAX_MAGNITUDE = Math.pow(2, 360);
    /** A datum's timestamp may be this far in the past... */
    public static final Duration MAX_PAST = Duration.ofDays(14);
    /** ...and this far in the future. */
    public static final Duration MAX_FUTURE = Duration.ofHours(2);
    /** Datapoints that one GetMetricStatistics may return. */
    public static final int MAX_STATISTICS_DATAPOINTS = 1_440;
    /** Statistics and extended statistics of one GetMetricStatistics. */
    public static final int MAX_STATISTICS = 5;

    public static final int MAX_EXTENDED_STATISTICS = 10;
    /** Queries of one GetMetricData, and datapoints it may return in all. */
    public static final int MAX_METRIC_DATA_QUERIES = 500;

    public static final int MAX_METRIC_DATA_DATAPOINTS = 100_800;
    /** Dynamic values ({@code ${MAX}}, {@code ${PROP('Dim.x')}} ...) that one label may show, {@code ${LABEL}} once. */
    public static final int MAX_LABEL_DYNAMIC_VALUES = 5;
    /** Metrics in one page of ListMetrics. */
    public static final int LIST_METRICS_PAGE = 500;
    /** How long ListMetrics keeps listing a metric that receives no data. */
    public static final Duration LISTED_AFTER_LAST_DATA = Duration.ofDays(14);
    /** How long a metric that receives no data is kept at all: its coarsest datapoints' retention. */
    public static final Duration RETENTION = Duration.ofDays(455);

    public static final CloudWatchLimits DEFAULT = new CloudWatchLimits(100_000, 10_000);

    public CloudWatchLimits {
        if (maxSeries <= 0 || maxAlarms <= 0) {
            throw new IllegalArgumentException("CloudWatch limits must be positive");
        }
    }
}

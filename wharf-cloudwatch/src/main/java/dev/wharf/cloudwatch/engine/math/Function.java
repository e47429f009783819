package dev.wharf.cloudwatch.engine.math;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The catalogue of metric math functions that Wharf evaluates, each with the number of arguments it takes. */
enum Function {
    ABS(1, 1),
    AVG(1, 1),
    CEIL(1, 1),
    DATAPOINT_COUNT(1, 1),
    DATE(1, 1),
    DAY(1, 1),
    DIFF(1, 1),
    DIFF_TIME(1, 1),
    EPOCH(1, 1),
    FILL(2, 2),
    FIRST(1, 1),
    FLOOR(1, 1),
    HOUR(1, 1),
    IF(2, 3),
    LAST(1, 1),
    LOG(1, 1),
    LOG10(1, 1),
    MAX(1, 1),
    METRIC_COUNT(1, 1),
    METRICS(0, 1),
    MIN(1, 1),
    MINUTE(1, 1),
    MONTH(1, 1),
    PERIOD(1, 1),
    RATE(1, 1),
    REMOVE_EMPTY(1, 1),
    RUNNING_SUM(1, 1),
    SLICE(2, 3),
    SORT(3, 4),
    STDDEV(1, 1),
    SUM(1, 1),
    TIME_SERIES(1, 1),
    YEAR(1, 1);

    /**
     * Functions of AWS's table that need what Wharf does not keep (search over every metric, anomaly models, Contributor
     * Insights, Service Quotas, Lambda data sources, Performance Insights): refused by name.
     */
    static final Set<String> UNSUPPORTED = Set.of(
            "ANOMALY_DETECTION_BAND", "DB_PERF_INSIGHTS", "INSIGHT_RULE_METRIC", "LAMBDA", "SEARCH", "SERVICE_QUOTA");

    /** SORT's statistics, in AWS's words. */
    static final Set<String> SORT_STATISTICS = Set.of("AVG", "MIN", "MAX", "SUM");

    /** SORT's orders. */
    static final Set<String> SORT_ORDERS = Set.of("ASC", "DESC");

    /** FILL's keywords; any other filler is a value. */
    static final Set<String> FILL_KEYWORDS = Set.of("REPEAT", "LINEAR");

    private static final Map<String, Function> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(Enum::name, UnaryOperator.identity()));

    private final int argumentsMin;
    private final int argumentsMax;

    Function(int argumentsMin, int argumentsMax) {
        this.argumentsMin = argumentsMin;
        this.argumentsMax = argumentsMax;
    }

    /** The function of that exact, upper-case name, or null. */
    static @Nullable Function named(String name) {
        return BY_NAME.get(name);
    }

    int argumentsMin() {
        return argumentsMin;
    }

    int argumentsMax() {
        return argumentsMax;
    }

    /** How an error states the arity: "1 argument", "2 or 3 arguments", "at most 1 argument". */
    String arity() {
        if (argumentsMin == argumentsMax) {
            return argumentsMin + (argumentsMin == 1 ? " argument" : " arguments");
        }
        if (argumentsMin == 0) {
            return String.format(Locale.ROOT, "at most %d argument%s", argumentsMax, argumentsMax == 1 ? "" : "s");
        }
        return argumentsMin + " or " + argumentsMax + " arguments";
    }
}

package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.LabelOptions;
import dev.wharf.cloudwatch.api.MetricDataQuery;
import dev.wharf.cloudwatch.api.MetricStat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Makes GetMetricData's result labels: the default label of a query without one, and the dynamic values of AWS's "Use
 * dynamic labels" in a query's {@code Label} ({@code ${MAX}}, {@code ${LAST_TIME}}, {@code ${PROP('Dim.Queue')}} ...),
 * computed over all the datapoints of the result, before paging, and written in the request's
 * {@code LabelOptions.Timezone}.
 *
 * <p>A token that this class does not know, or whose property the result does not have, stays as it was written. At
 * most {@link CloudWatchLimits#MAX_LABEL_DYNAMIC_VALUES} tokens of a label are replaced, and {@code ${LABEL}} only once,
 * as the user guide allows; the tokens after them stay as written too.
 */
final class DynamicLabels {

    private static final Pattern TIMEZONE = Pattern.compile("[+-][0-9]{4}");
    private static final String PROP_OPEN = "PROP('";
    private static final String PROP_CLOSE = "')}";

    /**
     * What a result's label may name besides its datapoints.
     *
     * @param defaultLabel the label without {@code Label}, also {@code ${LABEL}}
     * @param periodSeconds {@code ${PROP('Period')}}
     * @param metric the metric of a MetricStat query, for {@code MetricName}, {@code Namespace} and {@code Dim.*};
     *     null for an expression's result
     * @param stat the statistic of a MetricStat query, null for an expression's result
     */
    record Source(
            String defaultLabel,
            int periodSeconds,
            @Nullable MetricKey metric,
            @Nullable String stat) {}

    private final CloudWatchContext context;
    private final ZoneOffset zone;
    private final long nowSeconds;
    private final Map<String, String> metricDefaults;

    private DynamicLabels(CloudWatchContext context, ZoneOffset zone, Instant now, Map<String, String> metricDefaults) {
        this.context = context;
        this.zone = zone;
        this.nowSeconds = now.getEpochSecond();
        this.metricDefaults = metricDefaults;
    }

    /**
     * The labels of one request's queries, with its time zone checked: {@code +HHMM} or {@code -HHMM} within ±18
     * hours, as the API reference describes it, {@code InvalidParameterValue} otherwise; UTC without one.
     */
    static DynamicLabels of(
            CloudWatchContext context, @Nullable LabelOptions options, List<MetricDataQuery> queries, Instant now) {
        String timezone = options == null ? null : options.timezone();
        ZoneOffset zone = timezone == null ? ZoneOffset.UTC : zone(timezone);
        return new DynamicLabels(context, zone, now, defaultLabels(queries));
    }

    /** The default label of the MetricStat query of that Id, see {@link #defaultLabels}. */
    String metricDefault(String id, String metricName) {
        return metricDefaults.getOrDefault(id, metricName);
    }

    private static ZoneOffset zone(String timezone) {
        if (TIMEZONE.matcher(timezone).matches()) {
            int hours = Integer.parseInt(timezone.substring(1, 3));
            int minutes = Integer.parseInt(timezone.substring(3, 5));
            int sign = timezone.charAt(0) == '-' ? -1 : 1;
            if (minutes < 60) {
                try {
                    return ZoneOffset.ofTotalSeconds(sign * (hours * 3_600 + minutes * 60));
                } catch (DateTimeException e) {
                    // Beyond ±18 hours: answered below.
                }
            }
        }
        throw MetricRules.invalid("LabelOptions.Timezone", timezone);
    }

    /**
     * The default label of each MetricStat query by Id: its metric name, followed by its Stat when the request's
     * MetricStat queries of that metric name do not all have the same Stat, and by its Period when they do not all
     * have the same Period, as CloudWatch tells such queries apart ({@code metric1 Sum 60}, {@code metric1 Minimum
     * 30}). Queries whose members are missing are left to the checks that refuse them.
     */
    private static Map<String, String> defaultLabels(List<MetricDataQuery> queries) {
        Map<String, Set<String>> stats = new HashMap<>();
        Map<String, Set<String>> periods = new HashMap<>();
        for (MetricDataQuery query : queries) {
            MetricStat stat = query.metricStat();
            String name = metricName(stat);
            if (stat != null && name != null) {
                stats.computeIfAbsent(name, n -> new HashSet<>()).add(String.valueOf(stat.stat()));
                periods.computeIfAbsent(name, n -> new HashSet<>()).add(String.valueOf(stat.period()));
            }
        }
        Map<String, String> labels = new HashMap<>();
        for (MetricDataQuery query : queries) {
            MetricStat stat = query.metricStat();
            String name = metricName(stat);
            if (stat != null && name != null) {
                String label = name;
                if (stats.getOrDefault(name, Set.of()).size() > 1) {
                    label += " " + stat.stat();
                }
                if (periods.getOrDefault(name, Set.of()).size() > 1) {
                    label += " " + stat.period();
                }
                labels.put(String.valueOf(query.id()), label);
            }
        }
        return labels;
    }

    private static @Nullable String metricName(@Nullable MetricStat stat) {
        return stat == null || stat.metric() == null ? null : stat.metric().metricName();
    }

    /** The label of a result: {@code label} with its dynamic values replaced, or the default label without one. */
    String render(@Nullable String label, Source source, long[] timestampsSeconds, double[] values) {
        if (label == null) {
            return source.defaultLabel();
        }
        StringBuilder out = new StringBuilder(label.length());
        LabelValues datapoints = new LabelValues(timestampsSeconds, values, zone, nowSeconds);
        int replaced = 0;
        boolean labelReplaced = false;
        int at = 0;
        int open;
        while ((open = label.indexOf("${", at)) >= 0) {
            boolean prop = label.startsWith(PROP_OPEN, open + 2);
            int close = prop ? label.indexOf(PROP_CLOSE, open) : label.indexOf('}', open);
            if (close < 0) {
                break;
            }
            int end = close + (prop ? PROP_CLOSE.length() : 1);
            String value = null;
            if (replaced < CloudWatchLimits.MAX_LABEL_DYNAMIC_VALUES) {
                if (prop) {
                    value = property(label.substring(open + 2 + PROP_OPEN.length(), close), source);
                } else {
                    String name = label.substring(open + 2, close);
                    if (name.equals("LABEL")) {
                        value = labelReplaced ? null : source.defaultLabel();
                        labelReplaced = true;
                    } else {
                        value = datapoints.value(name);
                    }
                }
            }
            out.append(label, at, open).append(value == null ? label.substring(open, end) : value);
            replaced += value == null ? 0 : 1;
            at = end;
        }
        return out.append(label, at, label.length()).toString();
    }

    /** A {@code ${PROP('name')}} of the result, or null if it has none of that name. */
    private @Nullable String property(String name, Source source) {
        MetricKey metric = source.metric();
        return switch (name) {
            case "AccountId" -> context.accountId();
            case "Region" -> context.region();
            case "Period" -> Integer.toString(source.periodSeconds());
            case "MetricName" -> metric == null ? null : metric.metricName();
            case "Namespace" -> metric == null ? null : metric.namespace();
            case "Stat" -> source.stat();
            default -> name.startsWith("Dim.") && metric != null ? metric.dimension(name.substring(4)) : null;
        };
    }
}

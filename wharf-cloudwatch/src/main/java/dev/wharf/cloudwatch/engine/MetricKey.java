package dev.wharf.cloudwatch.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What names one metric series: the account, the namespace, the metric name and the dimensions, which CloudWatch
 * treats as a set (their order in a request does not matter), kept sorted by name.
 */
record MetricKey(String accountId, String namespace, String metricName, List<Map.Entry<String, String>> dimensions)
        implements Comparable<MetricKey> {

    private static final Comparator<Map.Entry<String, String>> BY_NAME_THEN_VALUE =
            Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue());

    MetricKey {
        List<Map.Entry<String, String>> sorted = new ArrayList<>(dimensions.size());
        for (Map.Entry<String, String> dimension : dimensions) {
            sorted.add(Map.entry(dimension.getKey(), dimension.getValue()));
        }
        sorted.sort(BY_NAME_THEN_VALUE);
        dimensions = List.copyOf(sorted);
    }

    /** The value of a dimension, or null when the metric has none of that name. */
    @org.jspecify.annotations.Nullable
    String dimension(String name) {
        for (Map.Entry<String, String> dimension : dimensions) {
            if (dimension.getKey().equals(name)) {
                return dimension.getValue();
            }
        }
        return null;
    }

    /** Orders by namespace, metric name and dimensions: ListMetrics's order, by which its pages go on. */
    @Override
    public int compareTo(MetricKey other) {
        int c = accountId.compareTo(other.accountId);
        if (c == 0) {
            c = namespace.compareTo(other.namespace);
        }
        if (c == 0) {
            c = metricName.compareTo(other.metricName);
        }
        for (int i = 0; c == 0 && i < Math.min(dimensions.size(), other.dimensions.size()); i++) {
            c = BY_NAME_THEN_VALUE.compare(dimensions.get(i), other.dimensions.get(i));
        }
        return c != 0 ? c : Integer.compare(dimensions.size(), other.dimensions.size());
    }
}

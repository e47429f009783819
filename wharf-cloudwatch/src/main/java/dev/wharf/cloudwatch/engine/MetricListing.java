package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.DimensionFilter;
import dev.wharf.cloudwatch.api.ListMetricsRequest;
import dev.wharf.cloudwatch.api.ListMetricsResponse;
import dev.wharf.cloudwatch.api.Metric;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * ListMetrics: the metrics of the caller's account that received data in the last two weeks (or, with {@code
 * RecentlyActive}, three hours), filtered by namespace, name and dimensions, 500 to a page in key order. A page's token
 * is the series id of its last metric, so a listing goes on after metrics are added or removed.
 */
final class MetricListing {

    private static final int MAX_DIMENSION_FILTERS = 10;
    private static final String TOKEN_PREFIX = "m1";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SeriesIndex index;

    MetricListing(SeriesIndex index) {
        this.index = index;
    }

    ListMetricsResponse listMetrics(CloudWatchContext context, ListMetricsRequest request, Instant now) {
        String namespace = request.namespace() == null ? null : MetricRules.name(request.namespace(), "Namespace");
        String metricName = request.metricName() == null ? null : MetricRules.name(request.metricName(), "MetricName");
        List<DimensionFilter> filters = filters(request.dimensions());
        Duration window = CloudWatchLimits.LISTED_AFTER_LAST_DATA;
        if (request.recentlyActive() != null) {
            if (!request.recentlyActive().equals("PT3H")) {
                throw MetricRules.constraint(
                        "recentlyActive", request.recentlyActive(), "Member must satisfy enum value set: [PT3H]");
            }
            window = Duration.ofHours(3);
        }
        long since = now.minus(window).getEpochSecond();
        MetricKey after = after(request.nextToken(), context);
        List<Metric> page = new ArrayList<>();
        String next = null;
        for (Series series : index.list(context.accountId(), after)) {
            if (series.lastDataSeconds() < since || !matches(series.key(), namespace, metricName, filters)) {
                continue;
            }
            if (page.size() == CloudWatchLimits.LIST_METRICS_PAGE) {
                next = token(page.getLast(), context);
                break;
            }
            page.add(metric(series.key()));
        }
        return new ListMetricsResponse(page, next, null);
    }

    private static List<DimensionFilter> filters(@Nullable List<DimensionFilter> filters) {
        if (filters == null) {
            return List.of();
        }
        if (filters.size() > MAX_DIMENSION_FILTERS) {
            throw MetricRules.constraint(
                    "dimensions", filters.size() + " filters", "Member must have length less than or equal to 10");
        }
        for (int i = 0; i < filters.size(); i++) {
            String at = "Dimensions.member." + (i + 1);
            MetricRules.name(filters.get(i).name(), at + ".Name");
            if (filters.get(i).value() != null) {
                MetricRules.name(filters.get(i).value(), at + ".Value");
            }
        }
        return filters;
    }

    private static boolean matches(
            MetricKey key, @Nullable String namespace, @Nullable String metricName, List<DimensionFilter> filters) {
        if ((namespace != null && !namespace.equals(key.namespace()))
                || (metricName != null && !metricName.equals(key.metricName()))) {
            return false;
        }
        for (DimensionFilter filter : filters) {
            String value = key.dimension(String.valueOf(filter.name()));
            if (value == null || (filter.value() != null && !filter.value().equals(value))) {
                return false;
            }
        }
        return true;
    }

    static Metric metric(MetricKey key) {
        List<Dimension> dimensions = new ArrayList<>(key.dimensions().size());
        for (Map.Entry<String, String> dimension : key.dimensions()) {
            dimensions.add(new Dimension(dimension.getKey(), dimension.getValue()));
        }
        return new Metric(key.namespace(), key.metricName(), dimensions);
    }

    /**
     * The token after a metric: its key's parts (account, namespace, name, then each dimension's name and value), each
     * in base64, so that the next page starts after that key.
     */
    private static String token(Metric last, CloudWatchContext context) {
        List<String> parts = new ArrayList<>();
        parts.add(context.accountId());
        parts.add(String.valueOf(last.namespace()));
        parts.add(String.valueOf(last.metricName()));
        for (Dimension dimension : java.util.Objects.requireNonNull(last.dimensions())) {
            parts.add(String.valueOf(dimension.name()));
            parts.add(String.valueOf(dimension.value()));
        }
        StringBuilder token = new StringBuilder(TOKEN_PREFIX);
        for (String part : parts) {
            token.append('.').append(BASE64.encodeToString(part.getBytes(StandardCharsets.UTF_8)));
        }
        return token.toString();
    }

    private static @Nullable MetricKey after(@Nullable String token, CloudWatchContext context) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (!parts[0].equals(TOKEN_PREFIX) || parts.length < 4 || parts.length % 2 != 0) {
            throw invalidToken();
        }
        try {
            List<String> text = new ArrayList<>(parts.length - 1);
            for (int i = 1; i < parts.length; i++) {
                text.add(new String(Base64.getUrlDecoder().decode(parts[i]), StandardCharsets.UTF_8));
            }
            if (!text.get(0).equals(context.accountId())) {
                throw invalidToken();
            }
            List<Map.Entry<String, String>> dimensions = new ArrayList<>();
            for (int i = 3; i + 1 < text.size(); i += 2) {
                dimensions.add(Map.entry(text.get(i), text.get(i + 1)));
            }
            return new MetricKey(text.get(0), text.get(1), text.get(2), dimensions);
        } catch (IllegalArgumentException e) {
            throw invalidToken();
        }
    }

    private static dev.wharf.common.AwsException invalidToken() {
        return CloudWatchError.InvalidNextToken.with("The service couldn't process the NextToken.");
    }
}

package dev.wharf.cloudwatch.http;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.GetMetricDataRequest;
import dev.wharf.cloudwatch.api.GetMetricStatisticsRequest;
import dev.wharf.cloudwatch.api.ListMetricsRequest;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.cloudwatch.engine.CloudWatchEngine;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** The table from CloudWatch's operation names to the engine's methods. */
final class CloudWatchOperations {

    private CloudWatchOperations() {}

    static Map<String, CloudWatchBinding.Handler<?>> table(CloudWatchEngine engine) {
        Map<String, CloudWatchBinding.Handler<?>> table = new HashMap<>();
        bind(table, "PutMetricData", PutMetricDataRequest.class, (context, request) -> {
            engine.putMetricData(context, request);
            return null;
        });
        bind(table, "ListMetrics", ListMetricsRequest.class, engine::listMetrics);
        bind(table, "GetMetricStatistics", GetMetricStatisticsRequest.class, engine::getMetricStatistics);
        bind(table, "GetMetricData", GetMetricDataRequest.class, engine::getMetricData);
        return Map.copyOf(table);
    }

    private static <I extends Record> void bind(
            Map<String, CloudWatchBinding.Handler<?>> table,
            String operation,
            Class<I> type,
            BiFunction<CloudWatchContext, I, @Nullable Object> run) {
        table.put(operation, new CloudWatchBinding.Handler<>(type, run));
    }
}

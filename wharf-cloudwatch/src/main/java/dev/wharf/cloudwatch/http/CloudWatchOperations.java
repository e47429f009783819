package dev.wharf.cloudwatch.http;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.DeleteAlarmsRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmHistoryRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmsForMetricRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmsRequest;
import dev.wharf.cloudwatch.api.DisableAlarmActionsRequest;
import dev.wharf.cloudwatch.api.EnableAlarmActionsRequest;
import dev.wharf.cloudwatch.api.GetMetricDataRequest;
import dev.wharf.cloudwatch.api.GetMetricStatisticsRequest;
import dev.wharf.cloudwatch.api.ListMetricsRequest;
import dev.wharf.cloudwatch.api.ListTagsForResourceRequest;
import dev.wharf.cloudwatch.api.PutCompositeAlarmRequest;
import dev.wharf.cloudwatch.api.PutMetricAlarmRequest;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.cloudwatch.api.SetAlarmStateRequest;
import dev.wharf.cloudwatch.api.TagResourceRequest;
import dev.wharf.cloudwatch.api.UntagResourceRequest;
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
        run(table, "PutMetricData", PutMetricDataRequest.class, engine::putMetricData);
        bind(table, "ListMetrics", ListMetricsRequest.class, engine::listMetrics);
        bind(table, "GetMetricStatistics", GetMetricStatisticsRequest.class, engine::getMetricStatistics);
        bind(table, "GetMetricData", GetMetricDataRequest.class, engine::getMetricData);
        run(table, "PutMetricAlarm", PutMetricAlarmRequest.class, engine::putMetricAlarm);
        run(table, "PutCompositeAlarm", PutCompositeAlarmRequest.class, engine::putCompositeAlarm);
        bind(table, "DescribeAlarms", DescribeAlarmsRequest.class, engine::describeAlarms);
        bind(table, "DescribeAlarmsForMetric", DescribeAlarmsForMetricRequest.class, engine::describeAlarmsForMetric);
        run(table, "DeleteAlarms", DeleteAlarmsRequest.class, engine::deleteAlarms);
        run(table, "SetAlarmState", SetAlarmStateRequest.class, engine::setAlarmState);
        run(table, "EnableAlarmActions", EnableAlarmActionsRequest.class, engine::enableAlarmActions);
        run(table, "DisableAlarmActions", DisableAlarmActionsRequest.class, engine::disableAlarmActions);
        bind(table, "DescribeAlarmHistory", DescribeAlarmHistoryRequest.class, engine::describeAlarmHistory);
        run(table, "TagResource", TagResourceRequest.class, engine::tagResource);
        run(table, "UntagResource", UntagResourceRequest.class, engine::untagResource);
        bind(table, "ListTagsForResource", ListTagsForResourceRequest.class, engine::listTagsForResource);
        return Map.copyOf(table);
    }

    /** Binds an operation whose output is empty. */
    private static <I extends Record> void run(
            Map<String, CloudWatchBinding.Handler<?>> table,
            String operation,
            Class<I> type,
            java.util.function.BiConsumer<CloudWatchContext, I> run) {
        bind(table, operation, type, (context, request) -> {
            run.accept(context, request);
            return null;
        });
    }

    private static <I extends Record> void bind(
            Map<String, CloudWatchBinding.Handler<?>> table,
            String operation,
            Class<I> type,
            BiFunction<CloudWatchContext, I, @Nullable Object> run) {
        table.put(operation, new CloudWatchBinding.Handler<>(type, run));
    }
}

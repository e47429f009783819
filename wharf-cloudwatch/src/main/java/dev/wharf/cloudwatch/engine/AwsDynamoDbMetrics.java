package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.StatisticSet;
import dev.wharf.dynamodb.api.DynamoDbMetrics;
import dev.wharf.dynamodb.api.TableMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * DynamoDB's metrics as CloudWatch keeps them under AWS/DynamoDB, with AWS's names, units and dimensions: per table
 * ({@code TableName}), per global secondary index ({@code TableName}, {@code GlobalSecondaryIndexName}), per table and
 * operation ({@code TableName}, {@code Operation}), and {@code UserErrors} without dimensions. Every metric is a
 * statistic set whose samples are requests, as AWS's statistics are ("SampleCount – Number of requests"): a count of
 * events is that many samples of 1, and a provisioned capacity one sample of its value. A metric without samples is
 * not written, as AWS writes none.
 */
final class AwsDynamoDbMetrics {

    static final String NAMESPACE = "AWS/DynamoDB";

    private AwsDynamoDbMetrics() {}

    /** AWS/DynamoDB's data of each account at one time. */
    static Map<String, List<MetricDatum>> data(DynamoDbMetrics metrics, Instant at, boolean highResolution) {
        Map<String, List<MetricDatum>> byAccount = new LinkedHashMap<>();
        Integer resolution = highResolution ? 1 : 60;
        for (TableMetrics table : metrics.tables()) {
            List<MetricDatum> data = byAccount.computeIfAbsent(table.accountId(), a -> new ArrayList<>());
            Dimension name = new Dimension("TableName", table.tableName());
            List<Dimension> on = List.of(name);
            set(data, "ConsumedReadCapacityUnits", on, at, table.consumedReadCapacityUnits(), resolution);
            set(data, "ConsumedWriteCapacityUnits", on, at, table.consumedWriteCapacityUnits(), resolution);
            gauge(data, "ProvisionedReadCapacityUnits", on, at, table.provisionedReadCapacityUnits(), resolution);
            gauge(data, "ProvisionedWriteCapacityUnits", on, at, table.provisionedWriteCapacityUnits(), resolution);
            events(data, "ConditionalCheckFailedRequests", on, at, table.conditionalCheckFailedRequests(), resolution);
            for (TableMetrics.Index index : table.globalSecondaryIndexes()) {
                List<Dimension> onIndex = List.of(name, new Dimension("GlobalSecondaryIndexName", index.indexName()));
                set(data, "ConsumedReadCapacityUnits", onIndex, at, index.consumedReadCapacityUnits(), resolution);
                set(data, "ConsumedWriteCapacityUnits", onIndex, at, index.consumedWriteCapacityUnits(), resolution);
                gauge(
                        data,
                        "ProvisionedReadCapacityUnits",
                        onIndex,
                        at,
                        index.provisionedReadCapacityUnits(),
                        resolution);
                gauge(
                        data,
                        "ProvisionedWriteCapacityUnits",
                        onIndex,
                        at,
                        index.provisionedWriteCapacityUnits(),
                        resolution);
            }
            for (TableMetrics.Operation operation : table.operations()) {
                List<Dimension> onOperation = List.of(name, new Dimension("Operation", operation.operation()));
                dev.wharf.dynamodb.api.StatisticSet latency = operation.successfulRequestLatency();
                if (latency != null) {
                    data.add(datum("SuccessfulRequestLatency", onOperation, at, latency, "Milliseconds", resolution));
                }
                set(data, "ReturnedItemCount", onOperation, at, operation.returnedItemCount(), resolution);
                events(data, "SystemErrors", onOperation, at, operation.systemErrors(), resolution);
            }
        }
        for (DynamoDbMetrics.Account account : metrics.accounts()) {
            events(
                    byAccount.computeIfAbsent(account.accountId(), a -> new ArrayList<>()),
                    "UserErrors",
                    List.of(),
                    at,
                    account.userErrors(),
                    resolution);
        }
        return byAccount;
    }

    private static void set(
            List<MetricDatum> data,
            String name,
            List<Dimension> on,
            Instant at,
            dev.wharf.dynamodb.api.@Nullable StatisticSet samples,
            Integer resolution) {
        if (samples != null) {
            data.add(datum(name, on, at, samples, "Count", resolution));
        }
    }

    /** {@code count} events, each a sample of 1. */
    private static void events(
            List<MetricDatum> data, String name, List<Dimension> on, Instant at, long count, Integer resolution) {
        if (count > 0) {
            data.add(new MetricDatum(
                    name,
                    on,
                    at,
                    null,
                    new StatisticSet((double) count, (double) count, 1.0, 1.0),
                    null,
                    null,
                    "Count",
                    resolution));
        }
    }

    /** A setting at the moment: one sample of its value. */
    private static void gauge(
            List<MetricDatum> data,
            String name,
            List<Dimension> on,
            Instant at,
            @Nullable Long value,
            Integer resolution) {
        if (value != null) {
            data.add(new MetricDatum(name, on, at, (double) value, null, null, null, "Count", resolution));
        }
    }

    private static MetricDatum datum(
            String name,
            List<Dimension> on,
            Instant at,
            dev.wharf.dynamodb.api.StatisticSet samples,
            String unit,
            Integer resolution) {
        return new MetricDatum(
                name,
                on,
                at,
                null,
                new StatisticSet((double) samples.sampleCount(), samples.sum(), samples.minimum(), samples.maximum()),
                null,
                null,
                unit,
                resolution);
    }
}

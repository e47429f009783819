package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One table's figures for CloudWatch's {@code AWS/DynamoDB} metrics since the previous snapshot, as AWS defines them
 * ("DynamoDB Metrics and dimensions"). A statistic set's samples are requests (AWS: "Minimum – Minimum number of read
 * capacity units consumed by any individual request"); it is null when no request gave one. A request gives a sample
 * to each table whose items it read or wrote (a BatchWriteItem to two tables, one to each).
 *
 * @param accountId the table's account, whose CloudWatch receives the metrics
 * @param tableName the {@code TableName} dimension
 * @param consumedReadCapacityUnits {@code ConsumedReadCapacityUnits} (Count): one sample per request that read the
 *     table or its local secondary indexes, of the units it consumed there, as ReturnConsumedCapacity counts them
 * @param consumedWriteCapacityUnits {@code ConsumedWriteCapacityUnits} (Count): one sample per request that wrote the
 *     table or its local secondary indexes, failed conditional writes included, as AWS charges them
 * @param provisionedReadCapacityUnits {@code ProvisionedReadCapacityUnits} (Count): the table's read capacity at the
 *     snapshot, null unless its billing mode is PROVISIONED
 * @param provisionedWriteCapacityUnits {@code ProvisionedWriteCapacityUnits} (Count), the same for writes
 * @param conditionalCheckFailedRequests {@code ConditionalCheckFailedRequests}: PutItem, UpdateItem and DeleteItem
 *     calls whose condition failed
 * @param globalSecondaryIndexes the figures of the global secondary indexes that had any, or that are provisioned
 * @param operations the figures of the operations that had any
 */
public record TableMetrics(
        String accountId,
        String tableName,
        @Nullable StatisticSet consumedReadCapacityUnits,
        @Nullable StatisticSet consumedWriteCapacityUnits,
        @Nullable Long provisionedReadCapacityUnits,
        @Nullable Long provisionedWriteCapacityUnits,
        long conditionalCheckFailedRequests,
        List<Index> globalSecondaryIndexes,
        List<Operation> operations) {

    public TableMetrics {
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
        operations = List.copyOf(operations);
    }

    /**
     * One global secondary index's figures, of the dimensions {@code TableName} and {@code GlobalSecondaryIndexName}.
     *
     * @param indexName the {@code GlobalSecondaryIndexName} dimension
     * @param consumedReadCapacityUnits one sample per Query or Scan of the index, of the units it consumed
     * @param consumedWriteCapacityUnits one sample per request that wrote the index's entries, of their units
     * @param provisionedReadCapacityUnits the index's read capacity, null unless the table is PROVISIONED
     * @param provisionedWriteCapacityUnits the index's write capacity, null unless the table is PROVISIONED
     */
    public record Index(
            String indexName,
            @Nullable StatisticSet consumedReadCapacityUnits,
            @Nullable StatisticSet consumedWriteCapacityUnits,
            @Nullable Long provisionedReadCapacityUnits,
            @Nullable Long provisionedWriteCapacityUnits) {}

    /**
     * One operation's figures on the table, of the dimensions {@code TableName} and {@code Operation}.
     *
     * @param operation the {@code Operation} dimension: GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan,
     *     BatchGetItem, BatchWriteItem, TransactGetItems or TransactWriteItems
     * @param successfulRequestLatency {@code SuccessfulRequestLatency} (Milliseconds): one sample per request that
     *     succeeded, from its start in the engine until it was answered (its writes durable)
     * @param returnedItemCount {@code ReturnedItemCount} (Count), Query and Scan only: one sample per request that
     *     succeeded, of the items it returned (its {@code Count})
     * @param systemErrors {@code SystemErrors}: requests that failed on the server's side (HTTP 500)
     */
    public record Operation(
            String operation,
            @Nullable StatisticSet successfulRequestLatency,
            @Nullable StatisticSet returnedItemCount,
            long systemErrors) {}
}

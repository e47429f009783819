package dev.wharf.dynamodb.http;

import dev.wharf.dynamodb.api.BatchGetItemRequest;
import dev.wharf.dynamodb.api.BatchWriteItemRequest;
import dev.wharf.dynamodb.api.CreateTableRequest;
import dev.wharf.dynamodb.api.DeleteItemRequest;
import dev.wharf.dynamodb.api.DeleteTableRequest;
import dev.wharf.dynamodb.api.DescribeContinuousBackupsRequest;
import dev.wharf.dynamodb.api.DescribeLimitsRequest;
import dev.wharf.dynamodb.api.DescribeTableRequest;
import dev.wharf.dynamodb.api.DescribeTimeToLiveRequest;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.GetItemRequest;
import dev.wharf.dynamodb.api.ListTablesRequest;
import dev.wharf.dynamodb.api.ListTagsOfResourceRequest;
import dev.wharf.dynamodb.api.PutItemRequest;
import dev.wharf.dynamodb.api.QueryRequest;
import dev.wharf.dynamodb.api.ScanRequest;
import dev.wharf.dynamodb.api.TagResourceRequest;
import dev.wharf.dynamodb.api.TransactGetItemsRequest;
import dev.wharf.dynamodb.api.TransactWriteItemsRequest;
import dev.wharf.dynamodb.api.UntagResourceRequest;
import dev.wharf.dynamodb.api.UpdateContinuousBackupsRequest;
import dev.wharf.dynamodb.api.UpdateItemRequest;
import dev.wharf.dynamodb.api.UpdateTableRequest;
import dev.wharf.dynamodb.api.UpdateTimeToLiveRequest;
import dev.wharf.dynamodb.engine.DynamoDbEngine;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** The table from DynamoDB's operation names to the engine's methods; DescribeEndpoints the binding runs itself. */
final class DynamoDbOperations {

    private DynamoDbOperations() {}

    static void bind(DynamoDbEngine engine, Map<String, DynamoDbBinding.Handler<?>> table) {
        bind(table, "CreateTable", CreateTableRequest.class, engine::createTable);
        bind(table, "DescribeTable", DescribeTableRequest.class, engine::describeTable);
        bind(table, "UpdateTable", UpdateTableRequest.class, engine::updateTable);
        bind(table, "DeleteTable", DeleteTableRequest.class, engine::deleteTable);
        bind(table, "ListTables", ListTablesRequest.class, engine::listTables);
        run(table, "TagResource", TagResourceRequest.class, engine::tagResource);
        run(table, "UntagResource", UntagResourceRequest.class, engine::untagResource);
        bind(table, "ListTagsOfResource", ListTagsOfResourceRequest.class, engine::listTagsOfResource);
        bind(table, "DescribeTimeToLive", DescribeTimeToLiveRequest.class, engine::describeTimeToLive);
        bind(table, "UpdateTimeToLive", UpdateTimeToLiveRequest.class, engine::updateTimeToLive);
        bind(
                table,
                "DescribeContinuousBackups",
                DescribeContinuousBackupsRequest.class,
                engine::describeContinuousBackups);
        bind(table, "UpdateContinuousBackups", UpdateContinuousBackupsRequest.class, engine::updateContinuousBackups);
        bind(
                table,
                "DescribeLimits",
                DescribeLimitsRequest.class,
                (context, request) -> engine.describeLimits(context));
        bind(table, "GetItem", GetItemRequest.class, engine::getItem);
        bind(table, "PutItem", PutItemRequest.class, engine::putItem);
        bind(table, "DeleteItem", DeleteItemRequest.class, engine::deleteItem);
        bind(table, "UpdateItem", UpdateItemRequest.class, engine::updateItem);
        bind(table, "Query", QueryRequest.class, engine::query);
        bind(table, "Scan", ScanRequest.class, engine::scan);
        bind(table, "BatchGetItem", BatchGetItemRequest.class, engine::batchGetItem);
        bind(table, "BatchWriteItem", BatchWriteItemRequest.class, engine::batchWriteItem);
        bind(table, "TransactWriteItems", TransactWriteItemsRequest.class, engine::transactWriteItems);
        bind(table, "TransactGetItems", TransactGetItemsRequest.class, engine::transactGetItems);
    }

    /** Binds an operation whose output is empty. */
    private static <I extends Record> void run(
            Map<String, DynamoDbBinding.Handler<?>> table,
            String operation,
            Class<I> type,
            BiConsumer<DynamoDbContext, I> run) {
        bind(table, operation, type, (context, request) -> {
            run.accept(context, request);
            return null;
        });
    }

    private static <I extends Record> void bind(
            Map<String, DynamoDbBinding.Handler<?>> table,
            String operation,
            Class<I> type,
            BiFunction<DynamoDbContext, I, @Nullable Object> run) {
        table.put(operation, new DynamoDbBinding.Handler<>(type, run));
    }
}

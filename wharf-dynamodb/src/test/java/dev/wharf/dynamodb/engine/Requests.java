package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DeleteItemRequest;
import dev.wharf.dynamodb.api.GetItemRequest;
import dev.wharf.dynamodb.api.PutItemRequest;
import dev.wharf.dynamodb.api.QueryRequest;
import dev.wharf.dynamodb.api.ScanRequest;
import dev.wharf.dynamodb.api.UpdateItemRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Short ways to make the item requests that engine tests send most. */
final class Requests {

    private Requests() {}

    static PutItemRequest put(String table, Map<String, AttributeValue> item) {
        return put(table, item, null, null);
    }

    static PutItemRequest put(
            String table, Map<String, AttributeValue> item, @Nullable String returnValues, @Nullable String capacity) {
        return new PutItemRequest(table, item, null, returnValues, capacity, null, null, null, null, null, null);
    }

    static GetItemRequest get(String table, Map<String, AttributeValue> key) {
        return new GetItemRequest(table, key, null, null, null, null, null);
    }

    static GetItemRequest get(String table, Map<String, AttributeValue> key, boolean consistent, String capacity) {
        return new GetItemRequest(table, key, null, consistent, capacity, null, null);
    }

    /** A PutItem with a ConditionExpression and its placeholders. */
    static PutItemRequest putIf(
            String table,
            Map<String, AttributeValue> item,
            String condition,
            @Nullable Map<String, String> names,
            @Nullable Map<String, AttributeValue> values,
            @Nullable String returnOnFailure) {
        return new PutItemRequest(table, item, null, null, null, null, null, condition, names, values, returnOnFailure);
    }

    static UpdateItemRequest update(
            String table,
            Map<String, AttributeValue> key,
            String expression,
            @Nullable String condition,
            @Nullable Map<String, String> names,
            @Nullable Map<String, AttributeValue> values,
            @Nullable String returnValues) {
        return new UpdateItemRequest(
                table, key, null, null, null, returnValues, null, null, expression, condition, names, values, null);
    }

    static QueryRequest query(
            String table,
            @Nullable String index,
            String keyCondition,
            @Nullable Map<String, String> names,
            Map<String, AttributeValue> values,
            @Nullable Integer limit,
            @Nullable Boolean forward,
            @Nullable Map<String, AttributeValue> start) {
        return new QueryRequest(
                table,
                index,
                null,
                null,
                limit,
                null,
                null,
                null,
                null,
                forward,
                start,
                null,
                null,
                null,
                keyCondition,
                names,
                values);
    }

    static ScanRequest scan(
            String table,
            @Nullable Integer limit,
            @Nullable Integer segment,
            @Nullable Integer total,
            @Nullable Map<String, AttributeValue> start) {
        return new ScanRequest(
                table, null, null, limit, null, null, null, start, null, total, segment, null, null, null, null, null);
    }

    static DeleteItemRequest delete(String table, Map<String, AttributeValue> key, @Nullable String returnValues) {
        return new DeleteItemRequest(table, key, null, null, returnValues, null, null, null, null, null, null);
    }
}

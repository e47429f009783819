package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DeleteItemRequest;
import dev.wharf.dynamodb.api.GetItemRequest;
import dev.wharf.dynamodb.api.PutItemRequest;
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

    static DeleteItemRequest delete(String table, Map<String, AttributeValue> key, @Nullable String returnValues) {
        return new DeleteItemRequest(table, key, null, null, returnValues, null, null, null, null, null, null);
    }
}

package dev.wharf.dynamodb.engine.expr;

import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Value;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedSet;
import org.jspecify.annotations.Nullable;

/**
 * One request's ExpressionAttributeNames and ExpressionAttributeValues, checked as DynamoDB checks them, and which of
 * them its expressions used.
 *
 * <p>A request parses its expressions against one context, in DynamoDB's order (UpdateExpression,
 * ConditionExpression, KeyConditionExpression, FilterExpression, ProjectionExpression), then calls {@link
 * #checkAllUsed()}. Not thread-safe: one request's thread uses it.
 */
public final class ExpressionContext {

    private final Map<String, String> names;
    private final Map<String, Value> values;
    private final SequencedSet<String> unusedNames;
    private final SequencedSet<String> unusedValues;

    private ExpressionContext(Map<String, String> names, Map<String, Value> values) {
        this.names = names;
        this.values = values;
        this.unusedNames = new LinkedHashSet<>(names.keySet());
        this.unusedValues = new LinkedHashSet<>(values.keySet());
    }

    /**
     * The context of a request's placeholders, either of which may be absent; throws DynamoDB's ValidationException
     * for an empty map, a key that is no placeholder, or a value that DynamoDB refuses.
     */
    public static ExpressionContext of(
            @Nullable Map<String, String> names, @Nullable Map<String, AttributeValue> values) {
        Map<String, String> checkedNames = new LinkedHashMap<>();
        if (names != null) {
            if (names.isEmpty()) {
                throw DynamoDbError.Validation.with("ExpressionAttributeNames must not be empty");
            }
            for (Map.Entry<String, String> entry : names.entrySet()) {
                checkKey("ExpressionAttributeNames", entry.getKey(), '#');
                checkedNames.put(entry.getKey(), entry.getValue());
            }
        }
        Map<String, Value> checkedValues = new LinkedHashMap<>();
        if (values != null) {
            if (values.isEmpty()) {
                throw DynamoDbError.Validation.with("ExpressionAttributeValues must not be empty");
            }
            for (String key : values.keySet()) {
                checkKey("ExpressionAttributeValues", key, ':');
            }
            for (Map.Entry<String, AttributeValue> entry : values.entrySet()) {
                try {
                    checkedValues.put(entry.getKey(), AttributeValues.fromApi(entry.getValue()));
                } catch (AwsException e) {
                    throw DynamoDbError.Validation.with("ExpressionAttributeValues contains invalid value: "
                            + e.getMessage() + " for key " + entry.getKey());
                }
            }
        }
        return new ExpressionContext(checkedNames, checkedValues);
    }

    /** A context without placeholders, for a request that sent none. */
    public static ExpressionContext empty() {
        return new ExpressionContext(Map.of(), Map.of());
    }

    private static void checkKey(String parameter, String key, char sigil) {
        boolean valid = key.length() > 1 && key.charAt(0) == sigil;
        for (int i = 1; valid && i < key.length(); i++) {
            valid = Lexer.isWordPart(key.charAt(i));
        }
        if (!valid) {
            throw DynamoDbError.Validation.with(
                    parameter + " contains invalid key: Syntax error; key: \"" + key + "\"");
        }
    }

    /** The attribute name of a {@code #name} placeholder, marked used, or null when the request defines none. */
    @Nullable
    String name(String placeholder) {
        String name = names.get(placeholder);
        if (name != null) {
            unusedNames.remove(placeholder);
        }
        return name;
    }

    /** The value of a {@code :value} placeholder, marked used, or null when the request defines none. */
    @Nullable
    Value value(String placeholder) {
        Value value = values.get(placeholder);
        if (value != null) {
            unusedValues.remove(placeholder);
        }
        return value;
    }

    /** Throws DynamoDB's ValidationException when a placeholder was defined and no expression used it. */
    public void checkAllUsed() {
        if (!unusedNames.isEmpty()) {
            throw DynamoDbError.Validation.with("Value provided in ExpressionAttributeNames unused in expressions: "
                    + "keys: {" + String.join(", ", unusedNames) + "}");
        }
        if (!unusedValues.isEmpty()) {
            throw DynamoDbError.Validation.with("Value provided in ExpressionAttributeValues unused in expressions: "
                    + "keys: {" + String.join(", ", unusedValues) + "}");
        }
    }
}

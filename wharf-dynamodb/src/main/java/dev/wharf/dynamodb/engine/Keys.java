package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.DynamoDbLimits;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.KeyBytes;
import dev.wharf.dynamodb.engine.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads an item's key from what a client sent, checked as DynamoDB checks it, with its messages: a {@code Key} of a
 * GetItem, UpdateItem or DeleteItem, or the key attributes of an item a PutItem writes.
 */
final class Keys {

    static final String KEY_MISMATCH = "The provided key element does not match the schema";
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final String NOT_VALID = "One or more parameter values are not valid. ";

    private Keys() {}

    /**
     * The key that a {@code Key} member names.
     *
     * @throws dev.wharf.common.AwsException ValidationException when it is not exactly the table's key attributes
     */
    static PrimaryKey fromKey(KeySchema schema, @Nullable Map<String, AttributeValue> key) {
        if (key == null || key.size() != schema.attributes().size()) {
            throw DynamoDbError.Validation.with(KEY_MISMATCH);
        }
        Map<String, Value> values = new LinkedHashMap<>();
        for (KeyAttribute attribute : schema.attributes()) {
            AttributeValue sent = key.get(attribute.name());
            if (sent == null) {
                throw DynamoDbError.Validation.with(KEY_MISMATCH);
            }
            Value value = AttributeValues.fromApi(sent);
            if (value.type() != attribute.type()) {
                throw DynamoDbError.Validation.with(KEY_MISMATCH);
            }
            if (isEmpty(value)) {
                throw DynamoDbError.Validation.with(INVALID + "The AttributeValue for a key attribute cannot contain an"
                        + " empty " + emptyKind(value) + " value. Key: " + attribute.name());
            }
            checkSize(value, attribute == schema.hash());
            values.put(attribute.name(), value);
        }
        return encode(schema, Item.of(values));
    }

    /**
     * The key of an item a client writes.
     *
     * @throws dev.wharf.common.AwsException ValidationException when a key attribute is missing, of another type,
     *     empty or too long
     */
    static PrimaryKey ofItem(KeySchema schema, Item item) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (KeyAttribute attribute : schema.attributes()) {
            Value value = item.get(attribute.name());
            if (value == null) {
                throw DynamoDbError.Validation.with(INVALID + "Missing the key " + attribute.name() + " in the item");
            }
            if (value.type() != attribute.type()) {
                throw DynamoDbError.Validation.with(INVALID + "Type mismatch for key " + attribute.name()
                        + " expected: " + attribute.type() + " actual: " + value.type());
            }
            if (isEmpty(value)) {
                throw DynamoDbError.Validation.with(NOT_VALID + "The AttributeValue for a key attribute cannot contain"
                        + " an empty " + emptyKind(value) + " value. Key: " + attribute.name());
            }
            checkSize(value, attribute == schema.hash());
            values.put(attribute.name(), value);
        }
        return encode(schema, Item.of(values));
    }

    /** The key of an item that the store holds, which was checked when it was written. */
    static PrimaryKey ofStored(KeySchema schema, Item item) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (KeyAttribute attribute : schema.attributes()) {
            values.put(attribute.name(), java.util.Objects.requireNonNull(item.get(attribute.name())));
        }
        return encode(schema, Item.of(values));
    }

    /**
     * Checks the attributes of an item that are the keys of a secondary index: of the index key's type, and not empty.
     * An item without them is simply not in the index.
     */
    static void checkIndexKeys(Schema schema, Item item) {
        for (SecondaryIndex index : schema.indexes()) {
            if (!index.maintained()) {
                continue;
            }
            for (KeyAttribute attribute : index.keys().attributes()) {
                Value value = item.get(attribute.name());
                if (value == null || schema.keys().isKey(attribute.name())) {
                    continue;
                }
                if (value.type() != attribute.type()) {
                    throw DynamoDbError.Validation.with(INVALID + "Type mismatch for Index Key " + attribute.name()
                            + " Expected: " + attribute.type() + " Actual: " + value.type() + " IndexName: "
                            + index.name());
                }
                if (isEmpty(value)) {
                    throw DynamoDbError.Validation.with(NOT_VALID + "A value specified for a secondary index key is"
                            + " not supported. The AttributeValue for a key attribute cannot contain an empty "
                            + emptyKind(value) + " value. IndexName: " + index.name() + ", IndexKey: "
                            + attribute.name());
                }
            }
        }
    }

    private static PrimaryKey encode(KeySchema schema, Item key) {
        byte[] partition = KeyBytes.partitionKey(
                java.util.Objects.requireNonNull(key.get(schema.hash().name())));
        KeyAttribute range = schema.range();
        byte[] sort =
                range == null ? new byte[0] : KeyBytes.sortKey(java.util.Objects.requireNonNull(key.get(range.name())));
        return new PrimaryKey(key, partition, sort);
    }

    private static boolean isEmpty(Value value) {
        return (value instanceof Value.S s && s.value().isEmpty())
                || (value instanceof Value.B b && b.value().length() == 0);
    }

    private static String emptyKind(Value value) {
        return value instanceof Value.S ? "string" : "binary";
    }

    private static void checkSize(Value value, boolean hash) {
        if (value instanceof Value.N) {
            return;
        }
        int bytes = value.sizeBytes();
        if (hash && bytes > DynamoDbLimits.PARTITION_KEY_BYTES_MAX) {
            // AWS's message has no space between "of" and the number.
            throw DynamoDbError.Validation.with(INVALID + "Size of hashkey has exceeded the maximum size limit of"
                    + DynamoDbLimits.PARTITION_KEY_BYTES_MAX + " bytes");
        }
        if (!hash && bytes > DynamoDbLimits.SORT_KEY_BYTES_MAX) {
            throw DynamoDbError.Validation.with(INVALID + "Aggregated size of all range keys has exceeded the size"
                    + " limit of " + DynamoDbLimits.SORT_KEY_BYTES_MAX + " bytes");
        }
    }
}

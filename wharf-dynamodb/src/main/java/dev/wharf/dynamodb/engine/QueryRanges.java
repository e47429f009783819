package dev.wharf.dynamodb.engine;

import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.engine.expr.SortKeyCondition;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.KeyBytes;
import dev.wharf.dynamodb.engine.value.Value;
import dev.wharf.storage.TableStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where in the store a Query or Scan reads: a sort key condition as a range of stored sort keys (a table's own, or
 * an index entry's composite ones, see {@link IndexEntries}), and an ExclusiveStartKey as the place to go on after.
 */
final class QueryRanges {

    private static final String INVALID_START = "The provided starting key is invalid: ";

    /** A range of stored sort keys, from inclusive, to exclusive; null is unbounded. */
    record Bounds(byte @Nullable [] from, byte @Nullable [] to) {}

    private QueryRanges() {}

    /** The stored sort keys that a sort key condition admits in a table or index. */
    static Bounds bounds(ItemQueries.Source source, @Nullable SortKeyCondition condition) {
        if (condition == null) {
            return new Bounds(null, null);
        }
        if (source.index() == null) {
            return new Bounds(condition.startInclusive(), condition.endExclusive());
        }
        byte[] value = KeyBytes.sortKey(condition.value());
        return switch (condition.operator()) {
            case EQ -> new Bounds(IndexEntries.sortStart(value), IndexEntries.sortEnd(value));
            case LT -> new Bounds(null, IndexEntries.sortStart(value));
            case LE -> new Bounds(null, IndexEntries.sortEnd(value));
            case GT -> new Bounds(IndexEntries.sortEnd(value), null);
            case GE -> new Bounds(IndexEntries.sortStart(value), null);
            case BETWEEN ->
                new Bounds(
                        IndexEntries.sortStart(value),
                        IndexEntries.sortEnd(KeyBytes.sortKey(java.util.Objects.requireNonNull(condition.high()))));
            case BEGINS_WITH -> {
                byte[] prefix = IndexEntries.escapedPrefix(value);
                yield new Bounds(prefix, prefixEnd(prefix));
            }
        };
    }

    /**
     * A Query's range narrowed to what comes after its ExclusiveStartKey, in the direction it reads.
     *
     * @throws AwsException ValidationException for a key that is not the source's, or of another partition
     */
    static Bounds after(
            Bounds bounds,
            ItemQueries.Source source,
            byte[] partition,
            @Nullable Map<String, AttributeValue> exclusiveStartKey,
            boolean forward) {
        if (exclusiveStartKey == null) {
            return bounds;
        }
        TableStore.ItemKey start = position(source, exclusiveStartKey);
        if (!Arrays.equals(start.partition(), partition)) {
            throw DynamoDbError.Validation.with(INVALID_START + "The provided key element does not match the schema");
        }
        if (forward) {
            byte[] from = successor(start.sort());
            return new Bounds(max(bounds.from(), from), bounds.to());
        }
        return new Bounds(bounds.from(), min(bounds.to(), start.sort()));
    }

    /**
     * Where a Scan goes on after its ExclusiveStartKey, or null from the start.
     *
     * @throws AwsException ValidationException for a key that is not the source's, or of another segment
     */
    static TableStore.@Nullable ItemKey scanStart(
            ItemQueries.Source source,
            @Nullable Map<String, AttributeValue> exclusiveStartKey,
            int segment,
            int totalSegments) {
        if (exclusiveStartKey == null) {
            return null;
        }
        TableStore.ItemKey start = position(source, exclusiveStartKey);
        long hash = TableStore.partitionHash(start.partition());
        long end = segment + 1 == totalSegments
                ? TableStore.HASH_SPACE
                : TableStore.segmentStart(segment + 1, totalSegments);
        if (hash < TableStore.segmentStart(segment, totalSegments) || hash >= end) {
            throw DynamoDbError.Validation.with("The provided Exclusive start key does not map to the provided Segment"
                    + " and TotalSegments values.");
        }
        return start;
    }

    /** An ExclusiveStartKey's place in the store: the table's key, or an index entry's. */
    static TableStore.ItemKey position(ItemQueries.Source source, Map<String, AttributeValue> key) {
        KeySchema table = source.schema().keys();
        SecondaryIndex index = source.index();
        try {
            if (index == null) {
                PrimaryKey primary = Keys.fromKey(table, key);
                return new TableStore.ItemKey(primary.partition(), primary.sort());
            }
            Map<String, AttributeValue> tableKey = new LinkedHashMap<>();
            table.attributes().forEach(attribute -> {
                AttributeValue value = key.get(attribute.name());
                if (value != null) {
                    tableKey.put(attribute.name(), value);
                }
            });
            long expected = key.keySet().stream()
                    .filter(name -> table.isKey(name) || index.keys().isKey(name))
                    .count();
            if (expected != key.size()) {
                throw DynamoDbError.Validation.with(Keys.KEY_MISMATCH);
            }
            PrimaryKey primary = Keys.fromKey(table, tableKey);
            Value hash = indexKey(key, index.keys().hash());
            KeyAttribute range = index.keys().range();
            byte[] sort = range == null ? null : KeyBytes.sortKey(indexKey(key, range));
            return new TableStore.ItemKey(KeyBytes.partitionKey(hash), IndexEntries.entrySort(sort, primary));
        } catch (AwsException e) {
            if (e.code() == DynamoDbError.Validation
                    && !String.valueOf(e.getMessage()).startsWith(INVALID_START)) {
                throw DynamoDbError.Validation.with(INVALID_START + e.getMessage());
            }
            throw e;
        }
    }

    private static Value indexKey(Map<String, AttributeValue> key, KeyAttribute attribute) {
        AttributeValue sent = key.get(attribute.name());
        Value value = sent == null ? null : AttributeValues.fromApi(sent);
        if (value == null || value.type() != attribute.type()) {
            throw DynamoDbError.Validation.with(Keys.KEY_MISMATCH);
        }
        return value;
    }

    private static byte @Nullable [] max(byte @Nullable [] bound, byte[] other) {
        return bound == null || Arrays.compareUnsigned(other, bound) > 0 ? other : bound;
    }

    private static byte[] min(byte @Nullable [] bound, byte[] other) {
        return bound == null || Arrays.compareUnsigned(other, bound) < 0 ? other : bound;
    }

    /** The least byte string above this one: itself and a zero byte. */
    static byte[] successor(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /** The least byte string above every one that starts with the prefix, or null when there is none. */
    static byte @Nullable [] prefixEnd(byte[] prefix) {
        int last = prefix.length - 1;
        while (last >= 0 && prefix[last] == (byte) 0xFF) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        byte[] end = Arrays.copyOf(prefix, last + 1);
        end[last]++;
        return end;
    }
}

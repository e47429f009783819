package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.ItemBytes;
import dev.wharf.dynamodb.engine.value.KeyBytes;
import dev.wharf.dynamodb.engine.value.Value;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The entries that items have in secondary indexes, and their keys in the store.
 *
 * <p>An entry is stored under the index's partition key (encoded as a table's) and a sort key composed of the index's
 * own sort key and the item's primary key, so that two items with the same index keys are two entries. The index's
 * sort key comes first, escaped (each zero byte as {@code 00 FF}) and ended by {@code 00 01}, which keeps its order and
 * makes it end where no sort key's bytes can; the item's partition key follows (self-delimiting), then its sort key.
 * So the entries of one index sort key are one range, and a range of index sort keys is one range. An index without a
 * sort key composes the item's keys alone.
 *
 * <p>An entry's value is the item as the index projects it: all of it, its keys (the table's and the index's) only,
 * or its keys and the included attributes; the table's keys are always there, so an entry names its item.
 */
final class IndexEntries {

    private static final byte ESCAPE = 0;
    private static final byte ESCAPED_ZERO = (byte) 0xFF;
    private static final byte END = 1;

    /** One item's entry in one index. */
    record Entry(int index, byte[] partition, byte[] sort, Item projected) {

        boolean samePlace(Entry other) {
            return index == other.index && Arrays.equals(partition, other.partition) && Arrays.equals(sort, other.sort);
        }

        byte[] value() {
            return ItemBytes.encode(projected);
        }
    }

    private IndexEntries() {}

    /** The item's entry in the index, or null when the item lacks one of the index's keys (a sparse index). */
    static @Nullable Entry entry(Schema schema, SecondaryIndex index, PrimaryKey key, Item item) {
        Value hash = item.get(index.keys().hash().name());
        if (hash == null || hash.type() != index.keys().hash().type()) {
            return null;
        }
        KeyAttribute range = index.keys().range();
        Value sort = range == null ? null : item.get(range.name());
        if (range != null && (sort == null || sort.type() != range.type())) {
            return null;
        }
        byte[] entrySort = entrySort(sort == null ? null : KeyBytes.sortKey(sort), key);
        return new Entry(index.number(), KeyBytes.partitionKey(hash), entrySort, project(schema, index, item));
    }

    /** The sort key of an entry: the index sort key's bytes (escaped and ended) if it has one, then the item's keys. */
    static byte[] entrySort(byte @Nullable [] indexSort, PrimaryKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (indexSort != null) {
            out.writeBytes(escapedPrefix(indexSort));
            out.write(ESCAPE);
            out.write(END);
        }
        out.writeBytes(key.partition());
        out.writeBytes(key.sort());
        return out.toByteArray();
    }

    /** An index sort key's bytes, escaped, without their end: every entry whose sort key starts with them begins so. */
    static byte[] escapedPrefix(byte[] indexSort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(indexSort.length + 4);
        for (byte b : indexSort) {
            if (b == ESCAPE) {
                out.write(ESCAPE);
                out.write(ESCAPED_ZERO);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** The first entry sort key of an index sort key's entries, inclusive. */
    static byte[] sortStart(byte[] indexSort) {
        byte[] prefix = escapedPrefix(indexSort);
        byte[] start = Arrays.copyOf(prefix, prefix.length + 2);
        start[prefix.length] = ESCAPE;
        start[prefix.length + 1] = END;
        return start;
    }

    /** The entry sort key just past an index sort key's entries, exclusive. */
    static byte[] sortEnd(byte[] indexSort) {
        byte[] end = sortStart(indexSort);
        end[end.length - 1]++;
        return end;
    }

    /** The item as the index projects it. */
    static Item project(Schema schema, SecondaryIndex index, Item item) {
        if (index.projectionType().equals("ALL")) {
            return item;
        }
        Map<String, Value> projected = new LinkedHashMap<>();
        for (Map.Entry<String, Value> attribute : item.attributes().entrySet()) {
            String name = attribute.getKey();
            if (schema.keys().isKey(name)
                    || index.keys().isKey(name)
                    || index.nonKeyAttributes().contains(name)) {
                projected.put(name, attribute.getValue());
            }
        }
        return Item.of(projected);
    }
}

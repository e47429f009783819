package dev.wharf.dynamodb.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the item operations read of a table, without its lock: its store id, its keys and its secondary indexes. A
 * table replaces it whole when an index is added or removed, so a write sees one consistent set.
 */
record Schema(long tableId, String name, String arn, KeySchema keys, List<SecondaryIndex> indexes) {

    Schema {
        indexes = List.copyOf(indexes);
    }

    /** The index of that name, or null. */
    @Nullable
    SecondaryIndex index(String indexName) {
        for (SecondaryIndex index : indexes) {
            if (index.name().equals(indexName)) {
                return index;
            }
        }
        return null;
    }
}

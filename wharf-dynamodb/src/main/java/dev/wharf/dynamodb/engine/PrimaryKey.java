package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.engine.value.Item;
import java.util.Arrays;

/**
 * An item's place in its table: its key attributes, as an item of them alone, and their encodings in the store (the
 * sort key's is empty when the table has none).
 */
record PrimaryKey(Item attributes, byte[] partition, byte[] sort) {

    /** Whether two keys name the same item of one table. */
    boolean sameAs(PrimaryKey other) {
        return Arrays.equals(partition, other.partition) && Arrays.equals(sort, other.sort);
    }

    /** A hash of the store encoding, for lock striping and duplicate checks. */
    int hash() {
        return 31 * Arrays.hashCode(partition) + Arrays.hashCode(sort);
    }
}

package dev.wharf.dynamodb.engine;

import org.jspecify.annotations.Nullable;

/**
 * The operations on a table's items, the values of CloudWatch's {@code Operation} dimension that Wharf publishes
 * {@code SuccessfulRequestLatency}, {@code ReturnedItemCount} and {@code SystemErrors} for, named as AWS names them.
 */
enum ItemOperation {
    GetItem,
    PutItem,
    UpdateItem,
    DeleteItem,
    Query,
    Scan,
    BatchGetItem,
    BatchWriteItem,
    TransactGetItems,
    TransactWriteItems;

    private static final ItemOperation[] ALL = values();

    /** Whether {@code ReturnedItemCount} has samples of it: Query and Scan. */
    boolean returnsItems() {
        return this == Query || this == Scan;
    }

    static int count() {
        return ALL.length;
    }

    static ItemOperation of(int ordinal) {
        return ALL[ordinal];
    }

    /** The operation of that name, or null for one that is not an item operation (the control plane's). */
    static @Nullable ItemOperation named(String operation) {
        for (ItemOperation each : ALL) {
            if (each.name().equals(operation)) {
                return each;
            }
        }
        return null;
    }
}

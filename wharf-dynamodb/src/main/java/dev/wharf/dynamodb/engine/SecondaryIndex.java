package dev.wharf.dynamodb.engine;

import java.util.List;

/**
 * A secondary index as the engine keeps it: its number in the store (never reused within a table), its keys and
 * projection, and its lifecycle.
 *
 * @param global a global secondary index; else a local one, which shares the table's partition key
 * @param projectionType ALL, KEYS_ONLY or INCLUDE
 * @param nonKeyAttributes the attributes an INCLUDE projection adds to the keys
 * @param status CREATING, ACTIVE or DELETING (IndexStatus)
 * @param settlesAtMillis when a CREATING index may become ACTIVE, once backfilled
 * @param backfilled whether the index holds an entry for every item that was in the table when it was made
 */
record SecondaryIndex(
        int number,
        String name,
        boolean global,
        KeySchema keys,
        String projectionType,
        List<String> nonKeyAttributes,
        String status,
        long settlesAtMillis,
        boolean backfilled,
        long readCapacityUnits,
        long writeCapacityUnits) {

    static final String CREATING = "CREATING";
    static final String ACTIVE = "ACTIVE";
    static final String DELETING = "DELETING";

    SecondaryIndex {
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }

    /** Whether writes keep its entries: while it is created, backfilled or not, and once active. */
    boolean maintained() {
        return !status.equals(DELETING);
    }

    /** Whether Query and Scan may read it (AWS refuses an index that is not ACTIVE). */
    boolean readable() {
        return status.equals(ACTIVE);
    }

    SecondaryIndex withStatus(String changed, long settles, boolean isBackfilled) {
        return new SecondaryIndex(
                number,
                name,
                global,
                keys,
                projectionType,
                nonKeyAttributes,
                changed,
                settles,
                isBackfilled,
                readCapacityUnits,
                writeCapacityUnits);
    }

    SecondaryIndex withThroughput(long read, long write) {
        return new SecondaryIndex(
                number,
                name,
                global,
                keys,
                projectionType,
                nonKeyAttributes,
                status,
                settlesAtMillis,
                backfilled,
                read,
                write);
    }
}

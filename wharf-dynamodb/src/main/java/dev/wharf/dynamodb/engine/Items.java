package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.ItemBytes;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TableStore;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Reads items from the store and turns a change of items into one store batch: the item itself and its entries in
 * every secondary index that writes keep, so that a call's changes are durable together. Every write path (PutItem,
 * UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems, a backfill) goes through it.
 */
final class Items {

    /** How often, at most, a table's approximate counts are written to the store. */
    static final long STATS_SAVE_MILLIS = 10_000;

    /** One item's change: what the store held, and what it will hold (null for none). */
    record Change(
            Table table,
            Schema schema,
            PrimaryKey key,
            @Nullable Item before,
            @Nullable Item after) {}

    private final TableStore store;
    private final ItemLocks locks;
    private final Clock clock;

    Items(TableStore store, ItemLocks locks, Clock clock) {
        this.store = store;
        this.locks = locks;
        this.clock = clock;
    }

    ItemLocks locks() {
        return locks;
    }

    TableStore store() {
        return store;
    }

    /** The item under a key, or null. A writer holds its item's lock, so it reads what the last write made durable. */
    @Nullable
    Item read(Schema schema, PrimaryKey key) {
        byte[] stored = store.readItem(schema.tableId(), TableStore.TABLE_INDEX, key.partition(), key.sort());
        return stored == null ? null : ItemBytes.decode(stored);
    }

    /**
     * Adds a change to a batch: the item's put or delete, and each index entry it adds, moves or removes; and counts
     * its write units into the tally.
     */
    void stage(TableBatch batch, Change change, Capacity.Tally tally) {
        Schema schema = change.schema();
        long tableId = schema.tableId();
        Item before = change.before();
        Item after = change.after();
        if (after != null) {
            batch.putItem(
                    tableId,
                    TableStore.TABLE_INDEX,
                    change.key().partition(),
                    change.key().sort(),
                    ItemBytes.encode(after));
        } else if (before != null) {
            batch.deleteItem(
                    tableId,
                    TableStore.TABLE_INDEX,
                    change.key().partition(),
                    change.key().sort());
        }
        tally.write += Capacity.writeUnits(Math.max(size(before), size(after)));
        for (SecondaryIndex index : schema.indexes()) {
            if (!index.maintained()) {
                continue;
            }
            IndexEntries.Entry old = before == null ? null : IndexEntries.entry(schema, index, change.key(), before);
            IndexEntries.Entry now = after == null ? null : IndexEntries.entry(schema, index, change.key(), after);
            double units = 0;
            if (old != null && (now == null || !old.samePlace(now))) {
                batch.deleteItem(tableId, index.number(), old.partition(), old.sort());
                units += Capacity.writeUnits(old.projected().sizeBytes());
            }
            if (now != null && (old == null || !old.projected().equals(now.projected()) || !old.samePlace(now))) {
                batch.putItem(tableId, index.number(), now.partition(), now.sort(), now.value());
                units += Capacity.writeUnits(now.projected().sizeBytes());
            }
            if (units > 0) {
                tally.index(index, 0, units);
            }
        }
    }

    /**
     * Counts a change into its table's approximate figures once it is durable, and writes them to the store now and
     * then (submitted, not waited for: a crash loses at most that count).
     */
    void applied(Change change) {
        Table table = change.table();
        Item before = change.before();
        Item after = change.after();
        table.itemCount.addAndGet((after == null ? 0 : 1) - (before == null ? 0 : 1));
        table.sizeBytes.addAndGet(size(after) - size(before));
        long now = clock.millis();
        long saved = table.statsSavedMillis.get();
        if (now - saved >= STATS_SAVE_MILLIS && table.statsSavedMillis.compareAndSet(saved, now)) {
            store.submit(
                    new TableBatch().putTableRecord(table.id, TableRecords.STATS, TableRecords.encodeStats(table)));
        }
    }

    static long size(@Nullable Item item) {
        return item == null ? 0 : item.sizeBytes();
    }
}

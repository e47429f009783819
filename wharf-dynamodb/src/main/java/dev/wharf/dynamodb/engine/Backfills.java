package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.ItemBytes;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TableStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Fills a global secondary index that UpdateTable created with the entries of the items already in the table, while
 * writes go on: every write keeps the new index from the moment it is in the table's schema, and the backfill adds the
 * items it finds, a page at a time, each page under its items' locks with the items read again, so that it never
 * writes an entry over a newer write's. Once done it marks the index backfilled; the index becomes ACTIVE when its
 * transition time is over too. A backfill cut short by a stop runs again from the start at the next start: putting
 * an entry twice is harmless.
 */
final class Backfills {

    /** Items per page: a page's items are locked together and written in one batch. */
    static final int PAGE_ITEMS = 100;

    private final Tables tables;
    private final Items items;
    private final Executor executor;

    Backfills(Tables tables, Items items, Executor executor) {
        this.tables = tables;
        this.items = items;
        this.executor = executor;
    }

    /** Starts the backfill of an index on the executor. */
    void start(Table table, int index) {
        executor.execute(() -> {
            try {
                run(table, index);
            } catch (IllegalStateException e) {
                // The store closed under the backfill (the server stops): it runs again at the next start.
            }
        });
    }

    /** Starts the backfills that a stop cut short. */
    void resume() {
        tables.forEachTable(table -> {
            for (SecondaryIndex index : table.schema.indexes()) {
                if (index.status().equals(SecondaryIndex.CREATING) && !index.backfilled()) {
                    start(table, index.number());
                }
            }
        });
    }

    private void run(Table table, int number) {
        TableStore.ItemKey after = null;
        while (true) {
            List<TableStore.ItemKey> page = new ArrayList<>();
            items.store().scanItems(table.id, TableStore.TABLE_INDEX, 0, 1, after, (partition, sort, value) -> {
                page.add(new TableStore.ItemKey(partition, sort));
                return page.size() < PAGE_ITEMS;
            });
            if (page.isEmpty() || !fill(table, number, page)) {
                break;
            }
            after = page.getLast();
        }
        finish(table, number);
    }

    /** Writes a page's entries; false when the index is gone. */
    private boolean fill(Table table, int number, List<TableStore.ItemKey> page) {
        List<Integer> stripes = new ArrayList<>();
        List<PrimaryKey> keys = new ArrayList<>();
        for (TableStore.ItemKey place : page) {
            PrimaryKey key = new PrimaryKey(Item.EMPTY, place.partition(), place.sort());
            keys.add(key);
            stripes.add(ItemLocks.stripe(table.id, key));
        }
        try (ItemLocks.Held held = items.locks().lockAll(stripes)) {
            Schema schema = table.schema;
            SecondaryIndex index = index(schema, number);
            if (index == null) {
                return false;
            }
            TableBatch batch = new TableBatch();
            for (PrimaryKey key : keys) {
                byte[] stored = items.store().readItem(table.id, TableStore.TABLE_INDEX, key.partition(), key.sort());
                if (stored == null) {
                    continue;
                }
                Item item = ItemBytes.decode(stored);
                IndexEntries.Entry entry = IndexEntries.entry(schema, index, key, item);
                if (entry != null) {
                    batch.putItem(table.id, number, entry.partition(), entry.sort(), entry.value());
                }
            }
            items.store().commit(batch);
            return true;
        }
    }

    private void finish(Table table, int number) {
        table.lock.lock();
        try {
            List<SecondaryIndex> indexes = new ArrayList<>();
            boolean changed = false;
            for (SecondaryIndex index : table.indexes) {
                if (index.number() == number && index.status().equals(SecondaryIndex.CREATING)) {
                    indexes.add(index.withStatus(index.status(), index.settlesAtMillis(), true));
                    changed = true;
                } else {
                    indexes.add(index);
                }
            }
            if (changed && !table.status.equals(Table.DELETING)) {
                table.setIndexes(indexes);
                tables.save(table);
            }
        } finally {
            table.lock.unlock();
        }
    }

    private static @Nullable SecondaryIndex index(Schema schema, int number) {
        for (SecondaryIndex index : schema.indexes()) {
            if (index.number() == number && index.maintained()) {
                return index;
            }
        }
        return null;
    }
}

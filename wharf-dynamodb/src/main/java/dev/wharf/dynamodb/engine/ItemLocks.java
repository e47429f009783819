package dev.wharf.dynamodb.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the writes to each item: a fixed set of locks, an item's chosen by its table and key, so that memory does
 * not grow with the items. A conditional write holds its item's lock from its read to its commit's durability, which
 * makes writes to one item linearizable; two items may share a lock, which costs only concurrency.
 *
 * <p>Calls that change several items (BatchWriteItem, TransactWriteItems, a backfill's page) take their locks in
 * ascending stripe order, so that no two calls wait for each other.
 */
final class ItemLocks {

    /** Enough stripes that unrelated items rarely share one, few enough to cost nothing: about 100 KB. */
    static final int STRIPES = 2_048;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    ItemLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The locks held for a set of items, released together. */
    static final class Held implements AutoCloseable {
        private final List<ReentrantLock> locks;

        private Held(List<ReentrantLock> locks) {
            this.locks = locks;
        }

        @Override
        public void close() {
            for (int i = locks.size() - 1; i >= 0; i--) {
                locks.get(i).unlock();
            }
        }
    }

    static int stripe(long tableId, PrimaryKey key) {
        int hash = (int) (tableId * 0x9E3779B97F4A7C15L >>> 32) ^ key.hash();
        return Math.floorMod(hash ^ (hash >>> 16), STRIPES);
    }

    /** Locks one item. */
    Held lock(long tableId, PrimaryKey key) {
        ReentrantLock lock = stripes[stripe(tableId, key)];
        lock.lock();
        return new Held(List.of(lock));
    }

    /** Locks the stripes of several items, each once, in ascending order. */
    Held lockAll(List<Integer> itemStripes) {
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (int stripe : new TreeSet<>(itemStripes)) {
                ReentrantLock lock = stripes[stripe];
                lock.lock();
                held.add(lock);
            }
        } catch (RuntimeException | Error e) {
            new Held(held).close();
            throw e;
        }
        return new Held(held);
    }
}

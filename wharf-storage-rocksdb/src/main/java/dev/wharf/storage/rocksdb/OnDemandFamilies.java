package dev.wharf.storage.rocksdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;

/**
 * A store's column families that are made by its first write rather than when the engine opens (see {@link
 * RocksDbStorageEngine#ON_DEMAND_FAMILIES}), and opened from then on: each open family costs an idle server resident
 * memory, and most servers never use most services. Until the first write, reads find nothing.
 *
 * <p>Thread-safe: the handles are published once, through a volatile field.
 */
final class OnDemandFamilies {

    private final RocksDbStorageEngine engine;
    private final List<String> names;

    /** The families' handles in the order of {@link #names}, once all are open; then never changed. */
    private volatile @Nullable List<ColumnFamilyHandle> handles;

    /** The families by name, opened if the data directory holds them all, else made by the first write. */
    OnDemandFamilies(RocksDbStorageEngine engine, String... names) {
        this.engine = engine;
        this.names = List.of(names);
        List<ColumnFamilyHandle> open = new ArrayList<>(names.length);
        for (String name : names) {
            ColumnFamilyHandle handle = engine.familyIfMade(name);
            if (handle == null) {
                // One missing (a crash between two makes, before any write): the first write makes the rest.
                return;
            }
            open.add(handle);
        }
        this.handles = List.copyOf(open);
    }

    /**
     * Makes the families that are missing, before a write is queued: the writer thread then finds them made.
     *
     * @throws IllegalStateException if the store is closed or RocksDB fails
     */
    void makeForWrite() {
        if (handles == null) {
            Map<String, ColumnFamilyHandle> made = engine.makeFamilies(names);
            handles = names.stream().map(made::get).map(Objects::requireNonNull).toList();
        }
    }

    /**
     * Whether the families are made, for a read: a read of families not made yet finds nothing, but only from an open
     * store.
     *
     * @throws IllegalStateException if they are not made and the store is closed
     */
    boolean readable() {
        if (handles != null) {
            return true;
        }
        engine.checkReadable();
        return false;
    }

    /**
     * A made family's handle, by its place in the names given; for the writer thread (every batch is queued after
     * {@link #makeForWrite}) and for reads after {@link #readable()} answered true.
     */
    ColumnFamilyHandle get(int family) {
        List<ColumnFamilyHandle> made = handles;
        if (made == null) {
            throw new IllegalStateException("the column families " + names + " have not been made");
        }
        return made.get(family);
    }
}

package dev.wharf.storage.rocksdb;

import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.StorageEngine;
import dev.wharf.storage.TableStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the table store's contract suite over RocksDB in the relaxed mode, reopening the same directory to prove persistence. */
final class RocksDbRelaxedTableContractTest extends TableStoreContractTest {

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    @Override
    protected StorageEngine open() {
        return RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED);
    }

    @Override
    protected boolean survivesReopen() {
        return true;
    }
}

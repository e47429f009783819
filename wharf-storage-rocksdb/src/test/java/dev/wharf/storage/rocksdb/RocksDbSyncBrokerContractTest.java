package dev.wharf.storage.rocksdb;

import dev.wharf.storage.BrokerStoreContractTest;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.StorageEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the broker store's contract suite over RocksDB in the sync mode, reopening the same directory to prove persistence. */
final class RocksDbSyncBrokerContractTest extends BrokerStoreContractTest {

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    @Override
    protected StorageEngine open() {
        return RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC);
    }

    @Override
    protected boolean survivesReopen() {
        return true;
    }
}

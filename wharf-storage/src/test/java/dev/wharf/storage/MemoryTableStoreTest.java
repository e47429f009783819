package dev.wharf.storage;

/** Runs the table store's contract suite over the heap backend, which keeps nothing after a close. */
final class MemoryTableStoreTest extends TableStoreContractTest {

    @Override
    protected StorageEngine open() {
        return new MemoryStorageEngine();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}

package dev.wharf.storage;

/** Runs the contract suite over the heap backend, which keeps nothing after a close. */
final class MemoryStorageEngineTest extends QueueStoreContractTest {

    @Override
    protected StorageEngine open() {
        return new MemoryStorageEngine();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}

package dev.wharf.storage;

/** Runs the object store's contract suite over the heap backend, which keeps nothing after a close. */
final class MemoryObjectStoreTest extends ObjectStoreContractTest {

    @Override
    protected StorageEngine open() {
        return new MemoryStorageEngine();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}

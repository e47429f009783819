package dev.wharf.storage;

/** Runs the message archive's contract suite over the heap backend, which keeps nothing after a close. */
final class MemoryMessageArchiveStoreTest extends MessageArchiveStoreContractTest {

    @Override
    protected StorageEngine open() {
        return new MemoryStorageEngine();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}

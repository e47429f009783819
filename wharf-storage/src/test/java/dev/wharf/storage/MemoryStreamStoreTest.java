package dev.wharf.storage;

/** Runs the stream store's contract suite over the heap backend, which keeps nothing after a close. */
final class MemoryStreamStoreTest extends StreamStoreContractTest {

    @Override
    protected StorageEngine open() {
        return new MemoryStorageEngine();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}

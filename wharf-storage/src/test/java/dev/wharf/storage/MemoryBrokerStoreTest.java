package dev.wharf.storage;

/** Runs the broker store's contract suite over the heap backend, which keeps nothing after a close. */
final class MemoryBrokerStoreTest extends BrokerStoreContractTest {

    @Override
    protected StorageEngine open() {
        return new MemoryStorageEngine();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}

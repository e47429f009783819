package dev.wharf.storage;

/** Runs the delivery store's contract suite over the heap backend, which keeps nothing after a close. */
final class MemoryDeliveryStoreTest extends DeliveryStoreContractTest {

    @Override
    protected StorageEngine open() {
        return new MemoryStorageEngine();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}

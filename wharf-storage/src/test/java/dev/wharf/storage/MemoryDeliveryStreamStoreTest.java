package dev.wharf.storage;

/** Runs the delivery stream store's contract suite over the heap backend, which keeps nothing after a close. */
final class MemoryDeliveryStreamStoreTest extends DeliveryStreamStoreContractTest {

    @Override
    protected StorageEngine open() {
        return new MemoryStorageEngine();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}

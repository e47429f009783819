package dev.wharf.storage;

/** Runs the metric store's contract suite over the heap backend, which keeps nothing after a close. */
final class MemoryMetricStoreTest extends MetricStoreContractTest {

    @Override
    protected StorageEngine open() {
        return new MemoryStorageEngine();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}

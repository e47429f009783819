package dev.wharf.storage;

/** Runs the topic store's contract suite over the heap backend, which keeps nothing after a close. */
final class MemoryTopicStoreTest extends TopicStoreContractTest {

    @Override
    protected StorageEngine open() {
        return new MemoryStorageEngine();
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}

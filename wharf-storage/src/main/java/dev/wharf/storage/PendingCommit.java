package dev.wharf.storage;

/**
 * A batch handed to a store's {@code submit} ({@link QueueStore#submit}, {@link TopicStore#submit}, {@link
 * DeliveryStore#submit}): it is ordered among all commits of its {@link StorageEngine} already, and {@link #await}
 * returns once it is durable.
 */
@FunctionalInterface
public interface PendingCommit {

    /** A commit that is durable already, such as an empty batch's. */
    PendingCommit DONE = () -> {};

    /**
     * Waits until the batch is durable in the store's {@link DurabilityMode}. It may be called from any thread, and
     * more than once.
     *
     * @throws IllegalStateException if the write failed or the store closed before writing it
     */
    void await();
}

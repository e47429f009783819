package dev.wharf.storage;

/**
 * One opened backend: the stores of every service, over one durable medium.
 *
 * <p>It is opened once per process and closed at shutdown; {@link #close()} flushes what is buffered and releases the
 * data directory's lock.
 */
public interface StorageEngine extends AutoCloseable {

    QueueStore queues();

    DurabilityMode mode();

    /** A short description for the start-up line, such as the data directory. */
    String describe();

    @Override
    void close();
}

package dev.wharf.firehose.engine;

/**
 * Writes one delivery of a stream's buffered records to the stream's destination: S3, or one of the others. {@link
 * Deliveries} chooses the sink by the stream's destination, runs at most one delivery per stream at a time, and
 * advances the stream's cursor past what the sink says it took. Implementations are thread-safe.
 */
interface Sink {

    /**
     * Delivers the records of a stream from {@code from} until {@code end}, or as many of them as one delivery takes
     * (the buffer's size), reading them from the store as it writes them.
     *
     * @param oldestMillis when the oldest of them arrived, in epoch millis, which names the object
     * @return what the delivery took; nothing from the last sequence it took on counts as delivered
     * @throws RuntimeException when the delivery failed, to be tried again: nothing of it counts as delivered
     */
    Delivered deliver(FirehoseRecords.StoredStream stream, long from, long end, long oldestMillis);

    /**
     * What one delivery took from the buffer.
     *
     * @param lastSequence the last sequence delivered (or sent to the error output), -1 for none
     * @param bytes the data of the records it took
     * @param count the records it took
     */
    record Delivered(long lastSequence, long bytes, int count) {}

    /**
     * A failed delivery that the sink wants tried again at a time of its own (an HTTP endpoint's back-off), rather
     * than after the engine's retry interval.
     */
    final class RetryLater extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /** When to try again, in epoch millis. */
        private final long atMillis;

        RetryLater(String message, long atMillis) {
            super(message, null, false, false);
            this.atMillis = atMillis;
        }

        long atMillis() {
            return atMillis;
        }
    }
}

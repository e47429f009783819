package dev.wharf.kinesis.engine;

/**
 * A shard's samples of CloudWatch's metrics since the last snapshot: the enhanced (shard-level) ones, and the GetRecords
 * ones that the stream-level metrics gather from every shard. Its writes' samples are guarded by the stream's lock, as
 * the shard's write state is; its reads' by {@link ShardLog#readLock}, which GetRecords takes for the shard's read
 * budget and SubscribeToShard for its events. A snapshot swaps each for a fresh one under its lock.
 */
final class ShardCounts {

    private ShardCounts() {}

    /** The samples of the writes that routed records to the shard; lock of the stream must be held. */
    static final class Writes {
        /** One sample per write that put records to the shard. */
        final MetricSamples incomingBytes = new MetricSamples();

        final MetricSamples incomingRecords = new MetricSamples();
        /** One sample per write that routed records to the shard. */
        final MetricSamples writeProvisionedThroughputExceeded = new MetricSamples();

        /** Counts one write's records routed to this shard. */
        void onWrite(int placed, long bytes, int throttled) {
            if (placed > 0) {
                incomingBytes.add(bytes);
                incomingRecords.add(placed);
            }
            writeProvisionedThroughputExceeded.add(throttled);
        }
    }

    /** The samples of the shard's reads; {@link ShardLog#readLock} must be held. */
    static final class Reads {
        /** One sample per GetRecords that answered. */
        final MetricSamples getRecordsBytes = new MetricSamples();

        final MetricSamples getRecordsRecords = new MetricSamples();
        final MetricSamples getRecordsIteratorAgeMillis = new MetricSamples();
        /** One sample per GetRecords, answered or refused. */
        final MetricSamples getRecordsSuccess = new MetricSamples();
        /** In nanoseconds. */
        final MetricSamples getRecordsLatency = new MetricSamples();

        final MetricSamples readProvisionedThroughputExceeded = new MetricSamples();
        /** One sample per SubscribeToShard event sent. */
        final MetricSamples eventBytes = new MetricSamples();

        final MetricSamples eventRecords = new MetricSamples();

        /** Counts a GetRecords that answered. */
        void onRead(int records, long bytes, long iteratorAgeMillis, long latencyNanos) {
            getRecordsBytes.add(bytes);
            getRecordsRecords.add(records);
            getRecordsIteratorAgeMillis.add(iteratorAgeMillis);
            getRecordsSuccess.add(1);
            getRecordsLatency.add(latencyNanos);
            readProvisionedThroughputExceeded.add(0);
        }

        /** Counts a GetRecords that the shard's read limits refused. */
        void onReadRefused(long latencyNanos) {
            getRecordsSuccess.add(0);
            getRecordsLatency.add(latencyNanos);
            readProvisionedThroughputExceeded.add(1);
        }

        /** Counts a SubscribeToShard event sent. */
        void onEvent(int records, long bytes) {
            eventBytes.add(bytes);
            eventRecords.add(records);
        }
    }
}

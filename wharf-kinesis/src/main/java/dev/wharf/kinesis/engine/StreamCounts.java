package dev.wharf.kinesis.engine;

/**
 * A stream's samples of the stream-level CloudWatch metrics that its writes take, since the last snapshot: a PutRecord
 * or PutRecords is one sample of each metric it counts in, whatever shards its records went to. Guarded by the
 * stream's lock, which a write takes again once its batch is durable; a snapshot swaps it for a fresh one. The GetRecords figures are its shards' ({@link
 * ShardCounts}), gathered at the snapshot: a read reads one shard.
 */
final class StreamCounts {

    final MetricSamples incomingBytes = new MetricSamples();
    final MetricSamples incomingRecords = new MetricSamples();
    final MetricSamples putRecordBytes = new MetricSamples();
    final MetricSamples putRecordSuccess = new MetricSamples();
    /** In nanoseconds. */
    final MetricSamples putRecordLatency = new MetricSamples();

    final MetricSamples putRecordsBytes = new MetricSamples();
    final MetricSamples putRecordsSuccess = new MetricSamples();
    /** In nanoseconds. */
    final MetricSamples putRecordsLatency = new MetricSamples();

    final MetricSamples putRecordsTotalRecords = new MetricSamples();
    final MetricSamples putRecordsSuccessfulRecords = new MetricSamples();
    final MetricSamples putRecordsFailedRecords = new MetricSamples();
    final MetricSamples putRecordsThrottledRecords = new MetricSamples();
    final MetricSamples writeProvisionedThroughputExceeded = new MetricSamples();

    /**
     * Lock of the stream must be held: counts one write that reached the stream's shards.
     *
     * @param putRecords whether it was a PutRecords (else a PutRecord)
     * @param records how many records it asked to put
     * @param placed how many of them it put
     * @param bytes their bytes, data and partition keys
     * @param throttled how many the shards' limits refused
     * @param latencyNanos how long it took, until its batch was durable
     */
    void onWrite(boolean putRecords, int records, int placed, long bytes, int throttled, long latencyNanos) {
        if (placed > 0) {
            incomingBytes.add(bytes);
            incomingRecords.add(placed);
        }
        writeProvisionedThroughputExceeded.add(throttled);
        if (!putRecords) {
            if (placed > 0) {
                putRecordBytes.add(bytes);
            }
            putRecordSuccess.add(placed > 0 ? 1 : 0);
            putRecordLatency.add(latencyNanos);
            return;
        }
        if (placed > 0) {
            putRecordsBytes.add(bytes);
        }
        putRecordsSuccess.add(placed > 0 ? 1 : 0);
        putRecordsLatency.add(latencyNanos);
        putRecordsTotalRecords.add(records);
        putRecordsSuccessfulRecords.add(placed);
        putRecordsFailedRecords.add(0);
        putRecordsThrottledRecords.add(throttled);
    }
}

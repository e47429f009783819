package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One stream's figures for CloudWatch's basic (stream-level) {@code AWS/Kinesis} metrics, of the dimension
 * {@code StreamName}, since the previous snapshot, with its shards' enhanced ones. Each metric is a statistic set
 * whose samples are operations, as AWS's table says ("Minimum, Maximum, and Average statistics represent ... a single
 * operation"); it is null when it had no sample. A sample is taken for an operation that reached the stream's shards:
 * one refused before (a malformed request, a stream that is not found) is in none.
 *
 * @param accountId the stream's account, whose CloudWatch receives the metrics
 * @param streamName the {@code StreamName} dimension
 * @param incomingBytes {@code IncomingBytes} (Bytes): one sample per PutRecord or PutRecords that put records, of
 *     their bytes (data and partition key)
 * @param incomingRecords {@code IncomingRecords} (Count): the same samples, of their records
 * @param putRecordBytes {@code PutRecord.Bytes} (Bytes): one sample per PutRecord that put its record
 * @param putRecordSuccess {@code PutRecord.Success} (Count; Average is the share that succeeded): one sample per
 *     PutRecord, 1 when it put its record, 0 when the shard's limits refused it
 * @param putRecordLatency {@code PutRecord.Latency} (Milliseconds): one sample per PutRecord, from its start until
 *     its record was durable or refused
 * @param putRecordsBytes {@code PutRecords.Bytes} (Bytes): one sample per PutRecords that put records
 * @param putRecordsSuccess {@code PutRecords.Success} (Count): one sample per PutRecords, 1 when it put at least one
 *     record
 * @param putRecordsLatency {@code PutRecords.Latency} (Milliseconds): one sample per PutRecords
 * @param putRecordsTotalRecords {@code PutRecords.TotalRecords} (Count): one sample per PutRecords, of its records
 * @param putRecordsSuccessfulRecords {@code PutRecords.SuccessfulRecords} (Count): of the records it put
 * @param putRecordsFailedRecords {@code PutRecords.FailedRecords} (Count): of its records refused for an internal
 *     failure, which Wharf never answers (always 0)
 * @param putRecordsThrottledRecords {@code PutRecords.ThrottledRecords} (Count): of its records the shards' limits
 *     refused
 * @param getRecordsBytes {@code GetRecords.Bytes} (Bytes): one sample per GetRecords that answered, of the bytes it
 *     returned
 * @param getRecordsRecords {@code GetRecords.Records} (Count): the same samples, of their records
 * @param getRecordsSuccess {@code GetRecords.Success} (Count): one sample per GetRecords, 1 when it answered, 0 when
 *     the shard's limits refused it
 * @param getRecordsLatency {@code GetRecords.Latency} (Milliseconds): one sample per GetRecords
 * @param getRecordsIteratorAgeMilliseconds {@code GetRecords.IteratorAgeMilliseconds} (Milliseconds; Maximum is the
 *     one to watch): one sample per GetRecords that answered, how long ago its last record arrived, 0 when it found
 *     none
 * @param writeProvisionedThroughputExceeded {@code WriteProvisionedThroughputExceeded} (Count): one sample per
 *     PutRecord or PutRecords, of its records the shards' limits refused
 * @param readProvisionedThroughputExceeded {@code ReadProvisionedThroughputExceeded} (Count): one sample per
 *     GetRecords, 1 when the shard's limits refused it
 * @param shards the enhanced metrics of the shards that had samples of a metric that the stream's enhanced
 *     monitoring names; empty when it names none
 */
public record StreamMetrics(
        String accountId,
        String streamName,
        @Nullable StatisticSet incomingBytes,
        @Nullable StatisticSet incomingRecords,
        @Nullable StatisticSet putRecordBytes,
        @Nullable StatisticSet putRecordSuccess,
        @Nullable StatisticSet putRecordLatency,
        @Nullable StatisticSet putRecordsBytes,
        @Nullable StatisticSet putRecordsSuccess,
        @Nullable StatisticSet putRecordsLatency,
        @Nullable StatisticSet putRecordsTotalRecords,
        @Nullable StatisticSet putRecordsSuccessfulRecords,
        @Nullable StatisticSet putRecordsFailedRecords,
        @Nullable StatisticSet putRecordsThrottledRecords,
        @Nullable StatisticSet getRecordsBytes,
        @Nullable StatisticSet getRecordsRecords,
        @Nullable StatisticSet getRecordsSuccess,
        @Nullable StatisticSet getRecordsLatency,
        @Nullable StatisticSet getRecordsIteratorAgeMilliseconds,
        @Nullable StatisticSet writeProvisionedThroughputExceeded,
        @Nullable StatisticSet readProvisionedThroughputExceeded,
        List<ShardMetrics> shards) {

    public StreamMetrics {
        shards = List.copyOf(shards);
    }
}

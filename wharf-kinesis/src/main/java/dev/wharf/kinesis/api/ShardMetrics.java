package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/**
 * One shard's figures for CloudWatch's enhanced (shard-level) {@code AWS/Kinesis} metrics, of the dimensions
 * {@code StreamName} and {@code ShardId}, since the previous snapshot. A metric is null when its stream's enhanced
 * monitoring does not name it, or when it had no sample.
 *
 * @param incomingBytes {@code IncomingBytes} (Bytes): one sample per PutRecord or PutRecords that put records to the
 *     shard, of their bytes (data and partition key)
 * @param incomingRecords {@code IncomingRecords} (Count): the same samples, of their records
 * @param outgoingBytes {@code OutgoingBytes} (Bytes): one sample per GetRecords and per SubscribeToShard event on the
 *     shard, of the bytes it returned
 * @param outgoingRecords {@code OutgoingRecords} (Count): the same samples, of their records
 * @param iteratorAgeMilliseconds {@code IteratorAgeMilliseconds} (Milliseconds; Maximum is the one to watch): one
 *     sample per GetRecords that answered, how long ago its last record arrived, 0 for a read that found none
 * @param readProvisionedThroughputExceeded {@code ReadProvisionedThroughputExceeded} (Count): one sample per
 *     GetRecords on the shard, 1 when it was refused for the shard's read limits, else 0
 * @param writeProvisionedThroughputExceeded {@code WriteProvisionedThroughputExceeded} (Count): one sample per
 *     PutRecord or PutRecords that routed records to the shard, of how many the shard's write limits refused
 */
public record ShardMetrics(
        String shardId,
        @Nullable StatisticSet incomingBytes,
        @Nullable StatisticSet incomingRecords,
        @Nullable StatisticSet outgoingBytes,
        @Nullable StatisticSet outgoingRecords,
        @Nullable StatisticSet iteratorAgeMilliseconds,
        @Nullable StatisticSet readProvisionedThroughputExceeded,
        @Nullable StatisticSet writeProvisionedThroughputExceeded) {}

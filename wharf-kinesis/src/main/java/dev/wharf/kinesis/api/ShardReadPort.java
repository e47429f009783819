package dev.wharf.kinesis.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a stream's shards for other services in the same server (Firehose's Kinesis source), as a consumer would, and
 * without HTTP.
 *
 * <p>Each read counts against its shard's read limits as a GetRecords call does, so it may be refused when other
 * consumers have taken the shard's budget; a refused read is a {@link Page#throttled() throttled} page, never an error.
 * Thread-safe.
 */
public interface ShardReadPort {

    /**
     * One shard of a stream.
     *
     * @param parentShardId the shard it was split or merged from, or null for one of the stream's first shards
     * @param adjacentParentShardId the other shard of a merge, or null
     * @param closed whether the shard takes no more records (its records may still be read to its end)
     */
    record ShardDescription(
            String shardId,
            @Nullable String parentShardId,
            @Nullable String adjacentParentShardId,
            String startingHashKey,
            String endingHashKey,
            boolean closed) {}

    /**
     * Where a read starts: after a sequence number when one is given, else at the first record that arrived at or after
     * a time when one is given, else at the oldest record the shard keeps (TRIM_HORIZON).
     */
    record Position(
            @Nullable String afterSequenceNumber, @Nullable Instant atTimestamp) {
        public static final Position TRIM_HORIZON = new Position(null, null);
    }

    /**
     * One page of a shard's records.
     *
     * @param records in sequence order, at most the read's limit
     * @param shardEnded whether the page reaches the end of a closed shard, so that its children may be read
     * @param throttled whether the shard's read limits refused the read; then the page is empty
     */
    record Page(List<StreamRecord> records, boolean shardEnded, boolean throttled) {}

    /**
     * The shards of the stream named by an ARN that the retention still holds, open and closed, parents before their
     * children.
     *
     * @throws dev.wharf.common.AwsException Kinesis's {@code ResourceNotFoundException} when no active stream has the
     *     ARN
     */
    List<ShardDescription> shards(String streamArn);

    /**
     * Reads at most {@code limit} records of one shard from a position.
     *
     * @throws dev.wharf.common.AwsException Kinesis's {@code ResourceNotFoundException} when the stream or the shard is
     *     gone, {@code InvalidArgumentException} for a sequence number that does not belong to the shard
     */
    Page read(String streamArn, String shardId, Position from, int limit);
}

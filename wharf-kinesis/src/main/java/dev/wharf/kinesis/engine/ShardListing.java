package dev.wharf.kinesis.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.ListShardsRequest;
import dev.wharf.kinesis.api.ListShardsResponse;
import dev.wharf.kinesis.api.Shard;
import dev.wharf.kinesis.api.ShardFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * ListShards: a stream's shards in id order, a page at a time, filtered as its ShardFilter asks. Thread-safe.
 *
 * <p>ListShards never lists an expired shard: one closed before the trim horizon (now less the retention period), whose
 * records are all gone. The filters, with the trim horizon T (no earlier than the stream's creation for those that
 * look at whether a shard was open then):
 *
 * <ul>
 *   <li>none, or FROM_TRIM_HORIZON: every shard that is not expired;
 *   <li>AFTER_SHARD_ID: those of them after the given shard id, as ExclusiveStartShardId;
 *   <li>AT_TRIM_HORIZON: the shards open at T;
 *   <li>AT_LATEST: the open shards;
 *   <li>AT_TIMESTAMP: the shards open at the given time, or at T when it is earlier;
 *   <li>FROM_TIMESTAMP: the open shards, and those closed at or after the given time (or T when it is earlier).
 * </ul>
 *
 * A NextToken carries the stream, the last shard listed and the filter, since a call with a NextToken may not repeat
 * them.
 */
final class ShardListing {

    static final int LIST_DEFAULT = 1_000;
    static final List<String> FILTER_TYPES = List.of(
            "AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP");
    private static final Pattern SHARD_ID = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final long HOUR_MILLIS = 3_600_000L;

    /** Where a listing goes on from, and what it keeps: a type of ShardFilter (or null) and its time, or -1. */
    private record Query(
            @Nullable String streamName,
            int after,
            @Nullable String type,
            long timeMillis) {}

    private final StreamRegistry streams;

    ShardListing(StreamRegistry streams) {
        this.streams = streams;
    }

    ListShardsResponse list(KinesisContext context, ListShardsRequest request) {
        ShardFilter filter = request.shardFilter();
        MemberConstraints.check()
                .range("maxResults", request.maxResults(), 1, 10_000)
                .length("nextToken", request.nextToken(), 1, 1_048_576, false)
                .length("exclusiveStartShardId", request.exclusiveStartShardId(), 1, 128, false)
                .pattern("exclusiveStartShardId", request.exclusiveStartShardId(), SHARD_ID, false)
                .notNull("shardFilter.type", filter == null ? "" : filter.type())
                .oneOf("shardFilter.type", filter == null ? null : filter.type(), FILTER_TYPES)
                .length("shardFilter.shardId", filter == null ? null : filter.shardId(), 1, 128, false)
                .pattern("shardFilter.shardId", filter == null ? null : filter.shardId(), SHARD_ID, false)
                .validate(KinesisError.Validation);
        Query query = request.nextToken() == null ? query(request) : fromToken(request);
        Stream stream =
                streams.find(context, query.streamName(), request.nextToken() == null ? request.streamARN() : null);
        StreamConsumers.requireCreatedAt(stream, request.streamCreationTimestamp());
        int limit = Math.min(request.maxResults() == null ? LIST_DEFAULT : request.maxResults(), LIST_DEFAULT);
        long now = streams.clock.millis();
        stream.lock.lock();
        try {
            Predicate<ShardState> listed = filter(stream, query, now);
            List<Shard> page = new ArrayList<>();
            boolean more = false;
            for (ShardState shard : stream.status == Stream.Status.CREATING ? List.<ShardState>of() : stream.shards) {
                if (shard.index() <= query.after() || !listed.test(shard)) {
                    continue;
                }
                if (page.size() == limit) {
                    more = true;
                    break;
                }
                page.add(shard.describe());
            }
            String nextToken = more
                    ? PageTokens.encode(
                            stream.name,
                            Objects.requireNonNull(page.getLast().shardId()),
                            query.type() == null ? "" : query.type(),
                            Long.toString(query.timeMillis()))
                    : null;
            return new ListShardsResponse(page, nextToken);
        } finally {
            stream.lock.unlock();
        }
    }

    /** The listing a first call asks for, its ShardFilter checked as AWS documents it. */
    private static Query query(ListShardsRequest request) {
        ShardFilter filter = request.shardFilter();
        int after = index(request.exclusiveStartShardId());
        if (filter == null) {
            return new Query(request.streamName(), after, null, -1);
        }
        String type = Objects.requireNonNull(filter.type());
        boolean timed = type.equals("AT_TIMESTAMP") || type.equals("FROM_TIMESTAMP");
        if (type.equals("AFTER_SHARD_ID") && filter.shardId() == null) {
            throw KinesisError.InvalidArgument.with(
                    "ShardId must be provided for a ShardFilter of type AFTER_SHARD_ID.");
        }
        if (!type.equals("AFTER_SHARD_ID") && filter.shardId() != null) {
            throw KinesisError.InvalidArgument.with(
                    "ShardId can only be provided for a ShardFilter of type AFTER_SHARD_ID.");
        }
        Instant timestamp = filter.timestamp();
        if (timed && timestamp == null) {
            throw KinesisError.InvalidArgument.with(
                    "Timestamp must be provided for a ShardFilter of type " + type + ".");
        }
        if (!timed && timestamp != null) {
            throw KinesisError.InvalidArgument.with(
                    "Timestamp can only be provided for a ShardFilter of type AT_TIMESTAMP or FROM_TIMESTAMP.");
        }
        if (type.equals("AFTER_SHARD_ID")) {
            after = Math.max(after, index(filter.shardId()));
        }
        return new Query(request.streamName(), after, type, timestamp == null ? -1 : timestamp.toEpochMilli());
    }

    /** The listing a NextToken goes on with; the call may not name the stream, a start or a filter again. */
    private static Query fromToken(ListShardsRequest request) {
        if (request.streamName() != null || request.streamARN() != null || request.exclusiveStartShardId() != null) {
            throw KinesisError.InvalidArgument.with(
                    "NextToken and StreamName, StreamARN or ExclusiveStartShardId cannot be provided together.");
        }
        if (request.shardFilter() != null) {
            throw KinesisError.InvalidArgument.with("NextToken and ShardFilter cannot be provided together.");
        }
        if (request.streamCreationTimestamp() != null) {
            throw KinesisError.InvalidArgument.with(
                    "NextToken and StreamCreationTimestamp cannot be provided together.");
        }
        String[] token = PageTokens.decode(Objects.requireNonNull(request.nextToken()), 2);
        String type = token.length > 2 && !token[2].isEmpty() ? token[2] : null;
        long time;
        try {
            time = token.length > 3 ? Long.parseLong(token[3]) : -1;
        } catch (NumberFormatException e) {
            throw PageTokens.invalid();
        }
        if (type != null && !FILTER_TYPES.contains(type)) {
            throw PageTokens.invalid();
        }
        return new Query(token[0], index(token[1]), type, time);
    }

    /** Lock must be held: which shards of the stream a listing shows now. */
    private static Predicate<ShardState> filter(Stream stream, Query query, long now) {
        long trimHorizon = now - stream.retentionHours * HOUR_MILLIS;
        long earliest = Math.max(trimHorizon, stream.createdMillis);
        Predicate<ShardState> unexpired = shard -> shard.open() || shard.closedMillis() >= trimHorizon;
        String type = query.type();
        if (type == null) {
            return unexpired;
        }
        return switch (type) {
            case "AT_TRIM_HORIZON" -> shard -> shard.openAt(earliest);
            case "AT_LATEST" -> ShardState::open;
            case "AT_TIMESTAMP" -> shard -> shard.openAt(Math.max(query.timeMillis(), earliest));
            case "FROM_TIMESTAMP" ->
                shard -> shard.open() || shard.closedMillis() >= Math.max(query.timeMillis(), trimHorizon);
            default -> unexpired;
        };
    }

    private static int index(@Nullable String shardId) {
        return shardId == null ? -1 : ShardIds.indexOf(shardId);
    }
}

package dev.wharf.kinesis.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.ChildShard;
import dev.wharf.kinesis.api.GetRecordsRequest;
import dev.wharf.kinesis.api.GetRecordsResponse;
import dev.wharf.kinesis.api.GetShardIteratorRequest;
import dev.wharf.kinesis.api.GetShardIteratorResponse;
import dev.wharf.kinesis.api.HashKeyRange;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.kinesis.api.StreamRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads data records: GetShardIterator turns a starting point (TRIM_HORIZON, LATEST, AT_ and AFTER_SEQUENCE_NUMBER,
 * AT_TIMESTAMP) into an iterator, and GetRecords reads a page from the store at an iterator and hands out the next.
 *
 * <p>A read sees only durable records (see {@link ShardLog}) and never one past the stream's retention, whether or not
 * it has been trimmed yet. At the end of a closed shard it answers the shard's children and no next iterator, as AWS
 * does. With throughput limits on, each shard takes at most five reads and 2 MiB a second across all its readers; a read
 * that takes more leaves a debt that refuses the next ones until it is paid.
 */
final class ShardReads {

    static final List<String> ITERATOR_TYPES =
            List.of("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP");
    static final Pattern SHARD_ID = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** How AWS writes times in ExpiredIteratorException: "Thu Jan 22 01:22:02 UTC 2015". */
    private static final DateTimeFormatter EXPIRY_TIME = DateTimeFormatter.ofPattern(
                    "EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final StreamRegistry streams;
    private final ShardLogs logs;
    private final boolean limits;
    /** Nanoseconds, for GetRecords.Latency. */
    private final LongSupplier nanoTime;

    ShardReads(StreamRegistry streams, ShardLogs logs, boolean limits, LongSupplier nanoTime) {
        this.streams = streams;
        this.logs = logs;
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    GetShardIteratorResponse getShardIterator(KinesisContext context, GetShardIteratorRequest request) {
        MemberConstraints.check()
                .notNull("shardId", request.shardId())
                .length("shardId", request.shardId(), 1, 128, false)
                .pattern("shardId", request.shardId(), SHARD_ID, false)
                .notNull("shardIteratorType", request.shardIteratorType())
                .oneOf("shardIteratorType", request.shardIteratorType(), ITERATOR_TYPES)
                .pattern("startingSequenceNumber", request.startingSequenceNumber(), DataRecords.SEQUENCE_NUMBER, false)
                .validate(KinesisError.Validation);
        String shardId = Objects.requireNonNull(request.shardId());
        String type = Objects.requireNonNull(request.shardIteratorType());
        Stream stream = streams.find(context, request.streamName(), request.streamARN());
        int index = ShardIds.indexOf(shardId);
        if (index < 0) {
            throw KinesisError.ResourceNotFound.with("Could not find shard " + shardId + " in stream " + stream.name
                    + " under account " + stream.accountId + ".");
        }
        long now = streams.clock.millis();
        stream.lock.lock();
        try {
            if (index >= stream.shards.size() || stream.status == Stream.Status.CREATING) {
                throw shardNotFound(stream, shardId);
            }
            ShardLog log = logs.of(stream, index, now);
            long[] start = start(
                    stream, index, shardId, type, request.startingSequenceNumber(), request.timestamp(), log, now);
            return new GetShardIteratorResponse(ShardIterators.encode(new ShardIterators.Position(
                    stream.accountId, stream.name, stream.id, index, start[0], start[1], now)));
        } finally {
            stream.lock.unlock();
        }
    }

    /**
     * Lock must be held: where an iterator or a subscription of a type starts, as an ordinal and an earliest arrival
     * time.
     */
    static long[] start(
            Stream stream,
            int index,
            String shardId,
            String type,
            @Nullable String sequence,
            @Nullable Instant timestamp,
            ShardLog log,
            long now) {
        boolean bySequence = type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
        if (sequence != null && (type.equals("TRIM_HORIZON") || type.equals("LATEST"))) {
            throw KinesisError.InvalidArgument.with(startConflict(type, "also a StartingSequenceNumber"));
        }
        if (bySequence) {
            if (sequence == null) {
                throw KinesisError.InvalidArgument.with(startConflict(type, "no StartingSequenceNumber"));
            }
            SequenceNumbers.Parts parts = SequenceNumbers.parse(sequence);
            if (parts == null) {
                throw KinesisError.InvalidArgument.with("StartingSequenceNumber " + sequence
                        + " used in GetShardIterator on shard " + shardId + " in stream " + stream.name
                        + " under account " + stream.accountId + " is invalid.");
            }
            if (parts.shardIndex() != index) {
                throw KinesisError.InvalidArgument.with("Invalid StartingSequenceNumber. It encodes "
                        + ShardIds.of(parts.shardIndex()) + ", while it was used in a call to a shard with "
                        + shardId);
            }
            long ordinal =
                    type.equals("AT_SEQUENCE_NUMBER") ? parts.ordinal() : Math.min(Long.MAX_VALUE, parts.ordinal() + 1);
            return new long[] {ordinal, 0};
        }
        return switch (type) {
            case "TRIM_HORIZON" -> new long[] {0, 0};
            case "LATEST" -> new long[] {log.nextOrdinal, 0};
            default -> atTimestamp(timestamp, now);
        };
    }

    private static long[] atTimestamp(@Nullable Instant timestamp, long now) {
        if (timestamp == null) {
            throw KinesisError.InvalidArgument.with("Must specify timestampInMillis parameter for iterator of type"
                    + " AT_TIMESTAMP. Current request has no timestamp parameter.");
        }
        long millis = timestamp.toEpochMilli();
        if (millis > now) {
            throw KinesisError.InvalidArgument.with("The timestampInMillis parameter cannot be greater than the"
                    + " currentTimestampInMillis. timestampInMillis: " + millis + ", currentTimestampInMillis: "
                    + now);
        }
        // The ordinal is found at the first read, by the time index; until then the iterator holds the time.
        return new long[] {0, Math.max(1, millis)};
    }

    private static String startConflict(String type, String what) {
        return "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or"
                + " (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified " + type + " and "
                + what + ".";
    }

    /** What a read found at a shard, taken under the stream's lock. */
    record Shard(
            Stream stream,
            ShardState state,
            ShardLog log,
            long durableNext,
            boolean complete,
            long horizonMillis,
            List<ChildShard> children) {}

    GetRecordsResponse getRecords(KinesisContext context, GetRecordsRequest request) {
        long startedNanos = nanoTime.getAsLong();
        MemberConstraints.check()
                .range("limit", request.limit(), 1, KinesisLimits.GET_RECORDS_LIMIT_MAX)
                .notNull("shardIterator", request.shardIterator())
                .length("shardIterator", request.shardIterator(), 1, ShardIterators.LENGTH_MAX, false)
                .validate(KinesisError.Validation);
        long now = streams.clock.millis();
        ShardIterators.Position position = ShardIterators.decode(Objects.requireNonNull(request.shardIterator()));
        if (!position.accountId().equals(context.accountId()) || position.issuedMillis() > now) {
            throw KinesisError.InvalidArgument.with("Invalid ShardIterator.");
        }
        if (now - position.issuedMillis() > KinesisLimits.ITERATOR_TTL_MILLIS) {
            throw KinesisError.ExpiredIterator.with("Iterator expired. The iterator was created at time "
                    + EXPIRY_TIME.format(Instant.ofEpochMilli(position.issuedMillis())) + " while right now it is "
                    + EXPIRY_TIME.format(Instant.ofEpochMilli(now)) + " which is further in the future than the"
                    + " tolerated delay of " + KinesisLimits.ITERATOR_TTL_MILLIS + " milliseconds.");
        }
        Shard shard = shard(context, position, request.streamARN(), now);
        int limit = request.limit() == null ? KinesisLimits.GET_RECORDS_LIMIT_MAX : request.limit();
        if (limits) {
            admit(shard, now, startedNanos);
        }
        Page page = read(shard, position.ordinal(), position.notBeforeMillis(), limit);
        GetRecordsResponse response = response(shard, position, page, now);
        // The age of the last record read; a read that found none is caught up.
        long iteratorAge = page.records().isEmpty() ? 0 : Math.max(0, now - page.lastArrivalMillis());
        synchronized (shard.log().readLock) {
            if (limits) {
                shard.log().readBytes.takeAllowingDebt(page.bytes(), now);
            }
            shard.log()
                    .readCounts
                    .onRead(page.records().size(), page.bytes(), iteratorAge, nanoTime.getAsLong() - startedNanos);
        }
        return response;
    }

    /** What GetRecords answers for a page: its records, and the next iterator or, at a closed shard's end, none. */
    private static GetRecordsResponse response(Shard shard, ShardIterators.Position position, Page page, long now) {
        long behind = page.next() >= shard.durableNext() || page.records().isEmpty()
                ? 0
                : Math.max(0, now - page.lastArrivalMillis());
        if (shard.complete() && page.next() >= shard.durableNext()) {
            return new GetRecordsResponse(page.records(), null, 0L, shard.children());
        }
        long notBefore = page.records().isEmpty() ? position.notBeforeMillis() : 0;
        String next = ShardIterators.encode(new ShardIterators.Position(
                position.accountId(),
                position.streamName(),
                position.streamId(),
                position.shard(),
                page.next(),
                notBefore,
                now));
        return new GetRecordsResponse(page.records(), next, behind, null);
    }

    /** The stream and shard an iterator reads, as they are now. */
    private Shard shard(
            KinesisContext context, ShardIterators.Position position, @Nullable String streamArn, long now) {
        Stream stream = streams.named(context.accountId(), position.streamName());
        String shardId = ShardIds.of(position.shard());
        if (stream == null || stream.id != position.streamId()) {
            throw KinesisError.ResourceNotFound.with("Shard " + shardId + " in stream " + position.streamName()
                    + " under account " + context.accountId() + " does not exist");
        }
        if (streamArn != null && !streamArn.equals(stream.arn)) {
            throw KinesisError.InvalidArgument.with(
                    "StreamARN " + streamArn + " does not name the stream of the" + " ShardIterator.");
        }
        return at(stream, position.shard(), now);
    }

    /**
     * The state of a stream's shard for a read, taken under the stream's lock.
     *
     * @throws dev.wharf.common.AwsException {@code ResourceNotFoundException} when the stream has no such shard
     */
    Shard at(Stream stream, int index, long now) {
        stream.lock.lock();
        try {
            if (index >= stream.shards.size()) {
                throw shardNotFound(stream, ShardIds.of(index));
            }
            ShardState state = stream.shards.get(index);
            ShardLog log = logs.of(stream, index, now);
            long durable = log.durableNext.get();
            boolean complete = !state.open() && durable == log.nextOrdinal;
            return new Shard(
                    stream,
                    state,
                    log,
                    durable,
                    complete,
                    ShardLogs.horizon(stream, now),
                    complete ? children(stream, state) : List.of());
        } finally {
            stream.lock.unlock();
        }
    }

    /** Takes one read from the shard's budget, or refuses it as AWS does, and counts the refusal. */
    private void admit(Shard shard, long now, long startedNanos) {
        synchronized (shard.log().readLock) {
            if (!shard.log().readBytes.available(now) || !shard.log().readCalls.tryTake(1, now)) {
                shard.log().readCounts.onReadRefused(nanoTime.getAsLong() - startedNanos);
                throw KinesisError.ProvisionedThroughputExceeded.with("Rate exceeded for shard "
                        + shard.state().id() + " in stream " + shard.stream().name + " under account "
                        + shard.stream().accountId + ".");
            }
        }
    }

    /** A page of records, where the next read starts, and what it holds. */
    record Page(List<StreamRecord> records, long next, long bytes, long lastArrivalMillis) {}

    /**
     * Reads a page from the store: from the iterator's ordinal, or from where its earliest arrival time or the
     * retention horizon puts it if that is later, up to the durable end.
     */
    Page read(Shard shard, long ordinal, long notBeforeMillis, int limit) {
        long from = ordinal;
        int index = shard.state().index();
        long notBefore = Math.max(notBeforeMillis, shard.horizonMillis());
        if (notBeforeMillis > shard.horizonMillis()) {
            from = Math.max(from, logs.atOrAfter(shard.stream(), index, notBefore, shard.durableNext()));
        }
        Read read = readFrom(shard, from, limit, notBefore);
        if (read.stale()) {
            // The first record is past retention: jump over the expired ones by the time index, not one by one.
            from = Math.max(from, logs.atOrAfter(shard.stream(), index, notBefore, shard.durableNext()));
            read = readFrom(shard, from, limit, notBefore);
        }
        return read.page();
    }

    /** A page, and whether it began with a record past retention. */
    private record Read(Page page, boolean stale) {}

    private Read readFrom(Shard shard, long from, int limit, long notBeforeMillis) {
        long available = shard.durableNext() - from;
        if (available <= 0) {
            return new Read(new Page(List.of(), Math.max(from, 0), 0, 0), false);
        }
        int max = (int) Math.min(limit, available);
        List<StreamRecord> records = new ArrayList<>(Math.min(max, 1_000));
        long[] state = {from, 0, 0};
        boolean[] stale = {false};
        String encryption = shard.stream().encryptionType.equals("NONE") ? null : shard.stream().encryptionType;
        int index = shard.state().index();
        streams.store.read(
                shard.stream().id,
                index,
                ShardLog.key(from),
                max,
                KinesisLimits.GET_RECORDS_BYTES_MAX,
                (sequence, arrivalMillis, value) -> {
                    state[0] = sequence.low() + 1;
                    if (arrivalMillis < notBeforeMillis) {
                        stale[0] |= records.isEmpty();
                        return;
                    }
                    byte[] data = DataRecords.RecordValues.data(value);
                    state[1] += value.length - 2;
                    state[2] = arrivalMillis;
                    records.add(new StreamRecord(
                            SequenceNumbers.format(index, sequence.low()),
                            Instant.ofEpochMilli(arrivalMillis),
                            data,
                            DataRecords.RecordValues.partitionKey(value),
                            encryption));
                });
        // A read from an ordinal before the shard's first record (TRIM_HORIZON's 0) that meets no record at all
        // has seen everything durable: so a closed shard that never held a record, such as the intermediate shards
        // of UpdateShardCount, ends at once instead of answering an empty page at ordinal 0 forever.
        long next = state[0] == from && records.isEmpty() && !stale[0] ? shard.durableNext() : state[0];
        return new Read(new Page(records, next, state[1], state[2]), stale[0]);
    }

    /** Lock must be held: the shards a closed shard's records continue in, as GetRecords shows them at its end. */
    static List<ChildShard> children(Stream stream, ShardState parent) {
        List<ChildShard> children = new ArrayList<>();
        for (ShardState shard : stream.shards) {
            if (shard.parent() != parent.index() && shard.adjacentParent() != parent.index()) {
                continue;
            }
            List<String> parents = new ArrayList<>();
            parents.add(ShardIds.of(shard.parent()));
            if (shard.adjacentParent() >= 0) {
                parents.add(ShardIds.of(shard.adjacentParent()));
            }
            children.add(new ChildShard(
                    shard.id(),
                    parents,
                    new HashKeyRange(
                            shard.range().start().toString(),
                            shard.range().end().toString())));
        }
        return children;
    }

    static dev.wharf.common.AwsException shardNotFound(Stream stream, String shardId) {
        return KinesisError.ResourceNotFound.with("Shard " + shardId + " in stream " + stream.name + " under account "
                + stream.accountId + " does not exist");
    }
}

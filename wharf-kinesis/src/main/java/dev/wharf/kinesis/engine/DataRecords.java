package dev.wharf.kinesis.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.kinesis.api.PutRecordRequest;
import dev.wharf.kinesis.api.PutRecordResponse;
import dev.wharf.kinesis.api.PutRecordsRequest;
import dev.wharf.kinesis.api.PutRecordsRequestEntry;
import dev.wharf.kinesis.api.PutRecordsResponse;
import dev.wharf.kinesis.api.PutRecordsResultEntry;
import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.StreamBatch;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes data records: PutRecord and PutRecords route each record by its hash key to the open shard that owns it, give
 * it the shard's next sequence number and an arrival time that never goes back, and commit the whole call as one
 * batch, answering only once it is durable. With throughput limits on, each shard takes at most AWS's 1,000 records and
 * 1 MiB a second; what is over is refused per record, with AWS's error code.
 *
 * <p>Sequence numbers are handed out under the stream's lock and the batch is submitted under it too, so that the
 * store's commit order is the order of the numbers; the wait for durability happens after the lock is released, so
 * that concurrent callers share one group commit.
 */
final class DataRecords {

    static final Pattern EXPLICIT_HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");
    static final Pattern SEQUENCE_NUMBER = Pattern.compile("0|([1-9]\\d{0,128})");
    /** The model's bound on a record's data blob; a stream's own maximum record size is checked after it. */
    static final int DATA_LENGTH_MAX = 10 * 1_048_576;
    /** How often writes to a shard also trim what retention has expired. */
    static final long TRIM_INTERVAL_MILLIS = 60_000;

    private final StreamRegistry streams;
    private final ShardLogs logs;
    private final boolean limits;
    /** Nanoseconds, for the operations' latency metrics. */
    private final LongSupplier nanoTime;

    DataRecords(StreamRegistry streams, ShardLogs logs, boolean limits, LongSupplier nanoTime) {
        this.streams = streams;
        this.logs = logs;
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    /** One record to write, with its hash key worked out. */
    /**
     * A record to place: its partition key's UTF-8 bytes, which its size, its hash key and its stored value all take,
     * are encoded once.
     */
    private record Entry(byte[] data, byte[] partitionKey, BigInteger hashKey) {
        long size() {
            return data.length + (long) partitionKey.length;
        }
    }

    /** Where one record went, or why it did not. */
    private record Placed(
            int shard,
            long ordinal,
            @Nullable String errorCode,
            @Nullable String errorMessage) {}

    PutRecordResponse putRecord(KinesisContext context, PutRecordRequest request) {
        long startedNanos = nanoTime.getAsLong();
        MemberConstraints.check()
                .notNull("data", request.data())
                .blobLength("data", request.data(), DATA_LENGTH_MAX)
                .notNull("partitionKey", request.partitionKey())
                .length("partitionKey", request.partitionKey(), 1, KinesisLimits.PARTITION_KEY_LENGTH_MAX, false)
                .pattern("explicitHashKey", request.explicitHashKey(), EXPLICIT_HASH_KEY, false)
                .pattern("sequenceNumberForOrdering", request.sequenceNumberForOrdering(), SEQUENCE_NUMBER, false)
                .validate(KinesisError.Validation);
        Entry entry = entry(
                Objects.requireNonNull(request.data()),
                Objects.requireNonNull(request.partitionKey()),
                request.explicitHashKey());
        Stream stream = streams.find(context, request.streamName(), request.streamARN());
        if (request.sequenceNumberForOrdering() != null
                && SequenceNumbers.parse(request.sequenceNumberForOrdering()) == null) {
            throw KinesisError.InvalidArgument.with("ExclusiveMinimumSequenceNumber "
                    + request.sequenceNumberForOrdering() + " used in PutRecord on stream " + stream.name
                    + " under account " + stream.accountId + " is invalid.");
        }
        Written written = write(stream, List.of(entry), false, startedNanos);
        Placed placed = written.placed().getFirst();
        if (placed.errorCode() != null) {
            throw KinesisError.ProvisionedThroughputExceeded.with(Objects.requireNonNull(placed.errorMessage()));
        }
        return new PutRecordResponse(
                ShardIds.of(placed.shard()),
                SequenceNumbers.format(placed.shard(), placed.ordinal()),
                written.encryptionType());
    }

    PutRecordsResponse putRecords(KinesisContext context, PutRecordsRequest request) {
        long startedNanos = nanoTime.getAsLong();
        List<PutRecordsRequestEntry> records = request.records();
        MemberConstraints check = MemberConstraints.check()
                .notNull("records", records)
                .size(
                        "records",
                        records,
                        1,
                        KinesisLimits.PUT_RECORDS_ENTRIES_MAX,
                        records == null ? "" : records.size() + " records");
        for (int i = 0; records != null && i < records.size() && i < KinesisLimits.PUT_RECORDS_ENTRIES_MAX; i++) {
            PutRecordsRequestEntry record = records.get(i);
            if (plainlyValid(record)) {
                continue;
            }
            String member = "records." + (i + 1) + ".member.";
            check.notNull(member + "data", record.data())
                    .blobLength(member + "data", record.data(), DATA_LENGTH_MAX)
                    .notNull(member + "partitionKey", record.partitionKey())
                    .length(member + "partitionKey", record.partitionKey(), 1, 256, false)
                    .pattern(member + "explicitHashKey", record.explicitHashKey(), EXPLICIT_HASH_KEY, false);
        }
        check.validate(KinesisError.Validation);
        List<Entry> entries = new ArrayList<>(Objects.requireNonNull(records).size());
        long total = 0;
        for (PutRecordsRequestEntry record : records) {
            Entry entry = entry(
                    Objects.requireNonNull(record.data()),
                    Objects.requireNonNull(record.partitionKey()),
                    record.explicitHashKey());
            entries.add(entry);
            total += entry.size();
        }
        Stream stream = streams.find(context, request.streamName(), request.streamARN());
        if (total > Math.max(KinesisLimits.PUT_RECORDS_BYTES_MAX, stream.maxRecordSizeKiB * 1024L)) {
            throw KinesisError.InvalidArgument.with("Records size exceeds " + KinesisLimits.PUT_RECORDS_BYTES_MAX
                    + " bytes limit for stream " + stream.name + " under account " + stream.accountId + ".");
        }
        Written written = write(stream, entries, true, startedNanos);
        List<PutRecordsResultEntry> results = new ArrayList<>(entries.size());
        int failed = 0;
        for (Placed placed : written.placed()) {
            if (placed.errorCode() != null) {
                failed++;
                results.add(new PutRecordsResultEntry(null, null, placed.errorCode(), placed.errorMessage()));
            } else {
                results.add(new PutRecordsResultEntry(
                        SequenceNumbers.format(placed.shard(), placed.ordinal()),
                        ShardIds.of(placed.shard()),
                        null,
                        null));
            }
        }
        return new PutRecordsResponse(failed, results, written.encryptionType());
    }

    /**
     * Whether a record certainly meets its constraints, so that its members' names need not be spelled out: most
     * records of a PutRecords do, and naming 500 records' members cost as much as checking them. A record that this
     * does not pass gets the full check.
     */
    private static boolean plainlyValid(PutRecordsRequestEntry record) {
        byte[] data = record.data();
        String partitionKey = record.partitionKey();
        return data != null
                && data.length <= DATA_LENGTH_MAX
                && partitionKey != null
                && !partitionKey.isEmpty()
                && partitionKey.length() <= KinesisLimits.PARTITION_KEY_LENGTH_MAX
                && record.explicitHashKey() == null;
    }

    private static Entry entry(byte[] data, String partitionKey, @Nullable String explicitHashKey) {
        byte[] key = partitionKey.getBytes(StandardCharsets.UTF_8);
        BigInteger hashKey =
                explicitHashKey == null ? HashKeys.ofPartitionKey(key) : HashKeys.parseExplicit(explicitHashKey);
        return new Entry(data, key, hashKey);
    }

    /** What a write did: where each record went, and the stream's encryption at the time. */
    private record Written(List<Placed> placed, String encryptionType) {}

    /** What one write did to one shard: where its log goes on, and what it put and had refused. */
    private static final class Touched {
        final ShardLog log;
        long next;
        int placed;
        long bytes;
        int throttled;

        Touched(ShardLog log) {
            this.log = log;
        }
    }

    /**
     * Places the records under the stream's lock, submits them as one batch, and waits, without the lock, until the
     * batch is durable; then readers may see them, and the write is counted in the stream's metrics.
     */
    private Written write(Stream stream, List<Entry> entries, boolean putRecords, long startedNanos) {
        List<Placed> placed = new ArrayList<>(entries.size());
        Map<Integer, Touched> touched = new HashMap<>();
        StreamBatch batch = new StreamBatch();
        PendingCommit pending;
        String encryption;
        long now = streams.clock.millis();
        stream.lock.lock();
        try {
            requireWritable(stream);
            long recordMax = stream.maxRecordSizeKiB * 1024L;
            for (Entry entry : entries) {
                if (entry.size() > recordMax) {
                    throw KinesisError.InvalidArgument.with("Record size " + entry.size()
                            + " bytes exceeds the maximum record size of " + stream.maxRecordSizeKiB
                            + " KiB for stream " + stream.name + " under account " + stream.accountId + ".");
                }
            }
            for (Entry entry : entries) {
                ShardState shard = route(stream, entry.hashKey());
                Touched shardTouched = touched.get(shard.index());
                if (shardTouched == null) {
                    shardTouched = new Touched(logs.of(stream, shard.index(), now));
                    touched.put(shard.index(), shardTouched);
                }
                ShardLog log = shardTouched.log;
                if (limits && !log.takeWrite(entry.size(), now)) {
                    shardTouched.throttled++;
                    placed.add(new Placed(
                            shard.index(),
                            -1,
                            "ProvisionedThroughputExceededException",
                            "Rate exceeded for shard " + shard.id() + " in stream " + stream.name + " under account "
                                    + stream.accountId + "."));
                    continue;
                }
                long ordinal = log.nextOrdinal++;
                log.lastArrivalMillis = Math.max(log.lastArrivalMillis, now);
                batch.append(
                        stream.id,
                        shard.index(),
                        ShardLog.key(ordinal),
                        log.lastArrivalMillis,
                        RecordValues.encode(entry.partitionKey(), entry.data()));
                shardTouched.next = ordinal + 1;
                shardTouched.placed++;
                shardTouched.bytes += entry.size();
                placed.add(new Placed(shard.index(), ordinal, null, null));
            }
            encryption = stream.encryptionType;
            pending = streams.store.submit(batch);
        } finally {
            stream.lock.unlock();
        }
        pending.await();
        for (Touched shard : touched.values()) {
            if (shard.placed > 0) {
                shard.log.durableUpTo(shard.next);
            }
        }
        List<ShardLogs.DueTrim> trims = counted(stream, touched, entries.size(), putRecords, startedNanos, now);
        for (ShardLogs.DueTrim trim : trims) {
            logs.trim(stream, trim);
        }
        return new Written(placed, encryption);
    }

    /**
     * Counts a durable write in the stream's and its shards' metrics, and finds the trims it makes due, in one hold of
     * the stream's lock.
     */
    private List<ShardLogs.DueTrim> counted(
            Stream stream,
            Map<Integer, Touched> touched,
            int records,
            boolean putRecords,
            long startedNanos,
            long now) {
        List<ShardLogs.DueTrim> trims = List.of();
        int placed = 0;
        long bytes = 0;
        int throttled = 0;
        stream.lock.lock();
        try {
            for (Map.Entry<Integer, Touched> entry : touched.entrySet()) {
                Touched shard = entry.getValue();
                shard.log.writeCounts.onWrite(shard.placed, shard.bytes, shard.throttled);
                placed += shard.placed;
                bytes += shard.bytes;
                throttled += shard.throttled;
                ShardLogs.DueTrim trim = shard.placed > 0 ? logs.trimDue(stream, entry.getKey(), shard.log, now) : null;
                if (trim != null) {
                    trims = trims.isEmpty() ? new ArrayList<>() : trims;
                    trims.add(trim);
                }
            }
            stream.counts.onWrite(putRecords, records, placed, bytes, throttled, nanoTime.getAsLong() - startedNanos);
        } finally {
            stream.lock.unlock();
        }
        return trims;
    }

    /** Lock must be held: a stream takes records while ACTIVE or UPDATING, and is "not found" otherwise, as on AWS. */
    private static void requireWritable(Stream stream) {
        if (stream.status != Stream.Status.ACTIVE && stream.status != Stream.Status.UPDATING) {
            throw StreamRegistry.notFound(stream.name, stream.accountId);
        }
    }

    /** Lock must be held: the open shard whose hash key range holds the key; the open shards cover the key space. */
    private static ShardState route(Stream stream, BigInteger hashKey) {
        for (ShardState shard : stream.shards) {
            if (shard.open() && shard.range().contains(hashKey)) {
                return shard;
            }
        }
        throw new IllegalStateException("the open shards of stream " + stream.name + " miss hash key " + hashKey);
    }

    /** A record's value in the store: its partition key's length and UTF-8 bytes, then its data. */
    static final class RecordValues {
        private RecordValues() {}

        static byte[] encode(byte[] key, byte[] data) {
            return ByteBuffer.allocate(2 + key.length + data.length)
                    .putShort((short) key.length)
                    .put(key)
                    .put(data)
                    .array();
        }

        static String partitionKey(byte[] value) {
            int length = Short.toUnsignedInt(ByteBuffer.wrap(value).getShort());
            return new String(value, 2, length, StandardCharsets.UTF_8);
        }

        static byte[] data(byte[] value) {
            int length = Short.toUnsignedInt(ByteBuffer.wrap(value).getShort());
            return java.util.Arrays.copyOfRange(value, 2 + length, value.length);
        }
    }
}

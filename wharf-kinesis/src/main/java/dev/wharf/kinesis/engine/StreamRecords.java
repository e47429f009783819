package dev.wharf.kinesis.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stream's metadata as the stream store keeps it: one JSON record per stream, under the name {@link #NAME}, rewritten
 * whole on every change, and one per consumer under {@link #CONSUMER_PREFIX} and its name, so that registering a
 * consumer does not rewrite the stream's. Records are small (a few hundred bytes and some per shard), so rewriting beats
 * patching. Account-level settings are records of the reserved stream id {@link #ACCOUNT_STREAM_ID}.
 *
 * <p>Members added after the first records were written are nullable, and a record without them reads as a stream made
 * before they existed would be.
 */
final class StreamRecords {

    /** The name of a stream's own metadata record in the store. */
    static final String NAME = "stream";
    /** The prefix of a consumer's metadata record's name, followed by the ConsumerName. */
    static final String CONSUMER_PREFIX = "consumer/";
    /** The prefix of an account's settings record's name, followed by the account id. */
    static final String ACCOUNT_PREFIX = "account/";
    /** The stream id under which account records are kept; stream ids start at 1, so it is never a stream's. */
    static final long ACCOUNT_STREAM_ID = 0;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** A shard as stored: its index, its inclusive hash key range in decimal, its parents, and its end if closed. */
    record ShardRecord(
            int index,
            String start,
            String end,
            int parent,
            int adjacentParent,
            @Nullable String ending,
            @Nullable Long createdMillis,
            @Nullable Long closedMillis) {}

    /** A stream as stored. */
    record StreamRecord(
            String name,
            String arn,
            String accountId,
            long createdMillis,
            String status,
            long settlesAtMillis,
            String mode,
            int retentionHours,
            List<ShardRecord> shards,
            LinkedHashMap<String, String> tags,
            @Nullable Reshard pending,
            @Nullable List<String> shardLevelMetrics,
            @Nullable String encryptionType,
            @Nullable String keyId,
            Stream.@Nullable Encryption pendingEncryption,
            @Nullable Integer maxRecordSizeKiB,
            @Nullable Integer warmThroughputTargetMiBps,
            @Nullable Integer warmThroughputCurrentMiBps,
            @Nullable String policy,
            @Nullable Map<String, List<Long>> recentUpdates) {}

    /** A consumer as stored. */
    record ConsumerRecord(
            String name,
            String arn,
            long createdMillis,
            long settlesAtMillis,
            boolean deregistered,
            @Nullable LinkedHashMap<String, String> tags,
            @Nullable String policy) {}

    /** An account's settings as stored: its minimum throughput billing commitment, with times in epoch milliseconds. */
    record AccountRecord(
            String status,
            @Nullable Long startedAtMillis,
            @Nullable Long endedAtMillis,
            @Nullable Long earliestAllowedEndAtMillis) {}

    private StreamRecords() {}

    /** Lock must be held: the stream's record. */
    static byte[] encode(Stream stream) {
        List<ShardRecord> shards = new ArrayList<>(stream.shards.size());
        for (ShardState shard : stream.shards) {
            shards.add(new ShardRecord(
                    shard.index(),
                    shard.range().start().toString(),
                    shard.range().end().toString(),
                    shard.parent(),
                    shard.adjacentParent(),
                    shard.endingSequence(),
                    shard.createdMillis(),
                    shard.open() ? null : shard.closedMillis()));
        }
        StreamRecord record = new StreamRecord(
                stream.name,
                stream.arn,
                stream.accountId,
                stream.createdMillis,
                stream.status.name(),
                stream.settlesAtMillis,
                stream.mode.name(),
                stream.retentionHours,
                shards,
                new LinkedHashMap<>(stream.tags),
                stream.pending,
                List.copyOf(stream.metrics),
                stream.encryptionType,
                stream.keyId,
                stream.pendingEncryption,
                stream.maxRecordSizeKiB,
                stream.warmThroughputTargetMiBps,
                stream.warmThroughputCurrentMiBps,
                stream.policy,
                stream.recentUpdates);
        return write(record, "stream " + stream.name);
    }

    static byte[] encodeConsumer(StreamConsumer consumer) {
        return write(
                new ConsumerRecord(
                        consumer.name(),
                        consumer.arn(),
                        consumer.createdMillis(),
                        consumer.settlesAtMillis(),
                        consumer.deregistered(),
                        new LinkedHashMap<>(consumer.tags()),
                        consumer.policy()),
                "consumer " + consumer.arn());
    }

    static StreamConsumer decodeConsumer(byte[] value) {
        ConsumerRecord record = read(value, ConsumerRecord.class);
        Map<String, String> tags = record.tags();
        return new StreamConsumer(
                record.name(),
                record.arn(),
                record.createdMillis(),
                record.settlesAtMillis(),
                record.deregistered(),
                tags == null ? Map.of() : tags,
                record.policy());
    }

    static byte[] encodeAccount(AccountRecord record) {
        return write(record, "account settings");
    }

    static AccountRecord decodeAccount(byte[] value) {
        return read(value, AccountRecord.class);
    }

    private static byte[] write(Object record, String what) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot encode the record of " + what, e);
        }
    }

    private static <T> T read(byte[] value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a " + type.getSimpleName() + " cannot be read", e);
        }
    }

    /** The stream a stored record describes. */
    static Stream decode(long id, byte[] value) {
        StreamRecord record = read(value, StreamRecord.class);
        Stream stream = new Stream(
                id,
                record.name(),
                record.arn(),
                record.accountId(),
                record.createdMillis(),
                Stream.Mode.valueOf(record.mode()),
                record.retentionHours());
        stream.status = Stream.Status.valueOf(record.status());
        stream.settlesAtMillis = record.settlesAtMillis();
        stream.pending = record.pending();
        for (ShardRecord shard : record.shards()) {
            Long created = shard.createdMillis();
            Long closed = shard.closedMillis();
            stream.shards.add(new ShardState(
                    shard.index(),
                    new HashKeys.Range(new BigInteger(shard.start()), new BigInteger(shard.end())),
                    shard.parent(),
                    shard.adjacentParent(),
                    shard.ending(),
                    created == null ? record.createdMillis() : created,
                    closed == null ? (shard.ending() == null ? -1 : record.settlesAtMillis()) : closed));
        }
        Map<String, String> tags = record.tags();
        stream.tags.putAll(tags);
        List<String> metrics = record.shardLevelMetrics();
        if (metrics != null) {
            stream.metrics.addAll(metrics);
        }
        decodeSettings(stream, record);
        return stream;
    }

    /** The members added with the control-plane actions: encryption, record size, warm throughput, policy, quotas. */
    private static void decodeSettings(Stream stream, StreamRecord record) {
        String encryptionType = record.encryptionType();
        stream.encryptionType = encryptionType == null ? "NONE" : encryptionType;
        stream.keyId = record.keyId();
        stream.pendingEncryption = record.pendingEncryption();
        Integer maxRecordSize = record.maxRecordSizeKiB();
        stream.maxRecordSizeKiB = maxRecordSize == null ? stream.maxRecordSizeKiB : maxRecordSize;
        stream.warmThroughputTargetMiBps = record.warmThroughputTargetMiBps();
        stream.warmThroughputCurrentMiBps = record.warmThroughputCurrentMiBps();
        stream.policy = record.policy();
        Map<String, List<Long>> updates = record.recentUpdates();
        if (updates != null) {
            updates.forEach((operation, times) -> stream.recentUpdates.put(operation, new ArrayList<>(times)));
        }
    }
}

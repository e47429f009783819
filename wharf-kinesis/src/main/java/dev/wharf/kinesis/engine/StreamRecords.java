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
 * whole on every change. Records are small (a few hundred bytes and some per shard), so rewriting beats patching.
 */
final class StreamRecords {

    /** The name of a stream's own metadata record in the store. */
    static final String NAME = "stream";

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
            @Nullable String ending) {}

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
            @Nullable List<String> shardLevelMetrics) {}

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
                    shard.endingSequence()));
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
                List.copyOf(stream.metrics));
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot encode the record of stream " + stream.name, e);
        }
    }

    /** The stream a stored record describes. */
    static Stream decode(long id, byte[] value) {
        StreamRecord record;
        try {
            record = JSON.readValue(value, StreamRecord.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the record of stream " + id + " cannot be read", e);
        }
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
            stream.shards.add(new ShardState(
                    shard.index(),
                    new HashKeys.Range(new BigInteger(shard.start()), new BigInteger(shard.end())),
                    shard.parent(),
                    shard.adjacentParent(),
                    shard.ending()));
        }
        Map<String, String> tags = record.tags();
        stream.tags.putAll(tags);
        List<String> metrics = record.shardLevelMetrics();
        if (metrics != null) {
            stream.metrics.addAll(metrics);
        }
        return stream;
    }
}

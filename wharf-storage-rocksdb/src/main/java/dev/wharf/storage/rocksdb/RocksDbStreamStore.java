package dev.wharf.storage.rocksdb;

import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.SequenceNumber;
import dev.wharf.storage.StreamBatch;
import dev.wharf.storage.StreamStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Kinesis streams in three column families of a {@link RocksDbStorageEngine} (keys in {@link RecordKeys}): {@code
 * kinesis-streams} holds the metadata by (stream id, name), {@code kinesis-records} the records in chunks ({@link
 * RecordChunks}: the records one batch appends to one shard) by their last record's (stream id, shard, sequence number,
 * arrival time), and {@code kinesis-times} the time index by (stream id, shard, arrival time, sequence number), with
 * empty values. The three are made by the first write ({@link OnDemandFamilies}); reads before it find nothing.
 *
 * <p>Why a time index family rather than keys that make time seekable: GetRecords pages by sequence number, so the
 * records must sort by it, and the store cannot assume that the engine's sequence numbers encode the time. A second
 * ordering needs a second key; kept in its own family, written in the same write batch as the records, it is atomic
 * with them and costs one small key per record (one per shard and arrival time within a batch, since a PutRecords of
 * one millisecond is indexed once per shard), which reads by sequence never step over. AT_TIMESTAMP is then one seek
 * to (shard, time) in that family. The entry's key holds the sequence number too, so entries of equal times from
 * different batches never overwrite one another, and the first one found is the earliest record of that time.
 *
 * <p>A trim finds the first kept record (by sequence) or time index entry (by time) with one seek on the calling
 * thread, then deletes everything of the shard below it with one range tombstone per family, queued through the
 * engine's writer: no work per trimmed record, and iterators skip a range tombstone at once. What a trim deletes is
 * bounded by what it found, so records of commits still queued (which come later in the shard) are kept. The chunk that
 * holds the first kept record may hold trimmed ones before it: the writer rewrites it without them, under the same key,
 * once every batch queued before the trim is in the database, so that it rewrites what is there and nothing else.
 *
 * <p>Thread-safe: commits go through the engine's one writer, reads through the engine's lifecycle lock.
 */
final class RocksDbStreamStore implements StreamStore {

    private final RocksDbStorageEngine engine;
    /** The metadata, records and time index families, made by the first write. */
    private final OnDemandFamilies families;

    RocksDbStreamStore(RocksDbStorageEngine engine, String metadata, String records, String times) {
        this.engine = engine;
        this.families = new OnDemandFamilies(engine, metadata, records, times);
    }

    private ColumnFamilyHandle metadata() {
        return families.get(0);
    }

    private ColumnFamilyHandle records() {
        return families.get(1);
    }

    private ColumnFamilyHandle times() {
        return families.get(2);
    }

    /** {@inheritDoc} It shares the engine's writer, so it is ordered with the other stores' commits too. */
    @Override
    public PendingCommit submit(StreamBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        families.makeForWrite();
        return engine.enqueue(new StoreBatch.Streams(batch));
    }

    @Override
    public void scanMetadata(MetadataVisitor visitor) {
        if (!families.readable()) {
            return;
        }
        engine.scan(
                metadata(),
                null,
                null,
                "scanning the Kinesis streams",
                (key, value) ->
                        visitor.onMetadata(RecordKeys.streamIdOf(key), RecordKeys.streamMetadataNameOf(key), value));
    }

    @Override
    public byte @Nullable [] readMetadata(long streamId, String name) {
        StreamBatch.checkStream(streamId);
        StreamBatch.checkName(name);
        if (!families.readable()) {
            return null;
        }
        return engine.get(
                metadata(),
                RecordKeys.streamMetadataKey(streamId, name),
                "reading the metadata of Kinesis stream " + streamId);
    }

    @Override
    public int read(
            long streamId, int shard, SequenceNumber from, int maxRecords, long maxBytes, RecordVisitor visitor) {
        StreamBatch.checkShard(streamId, shard);
        StreamBatch.checkReadLimits(maxRecords, maxBytes);
        if (!families.readable()) {
            return 0;
        }
        int[] visited = {0};
        long[] bytes = {0};
        scanRecords(streamId, shard, from, "reading Kinesis shard " + streamId + "/" + shard, record -> {
            if (visited[0] > 0 && bytes[0] + record.length() > maxBytes) {
                return false;
            }
            visitor.onRecord(record.sequence(), record.arrivalMillis(), record.data());
            visited[0]++;
            bytes[0] += record.length();
            // Stopping here, not at the next record, spares reading a value that would not be visited.
            return visited[0] < maxRecords;
        });
        return visited[0];
    }

    @Override
    public @Nullable SequenceNumber firstSequenceAtOrAfter(long streamId, int shard, long timeMillis) {
        StreamBatch.checkShard(streamId, shard);
        if (!families.readable()) {
            return null;
        }
        byte[] key = firstTimeKey(streamId, shard, timeMillis);
        return key == null ? null : RecordKeys.streamTimeSequenceOf(key);
    }

    @Override
    public @Nullable SequenceNumber lastSequence(long streamId, int shard) {
        StreamBatch.checkShard(streamId, shard);
        if (!families.readable()) {
            return null;
        }
        byte[] key = engine.lastKey(
                records(),
                RecordKeys.shardStart(streamId, shard),
                RecordKeys.shardEnd(streamId, shard),
                "finding the last record of Kinesis shard " + streamId + "/" + shard);
        return key == null ? null : RecordKeys.streamRecordSequenceOf(key);
    }

    @Override
    public void trimBelowSequence(long streamId, int shard, SequenceNumber before) {
        StreamBatch.checkShard(streamId, shard);
        if (!families.readable()) {
            return;
        }
        byte[] start = RecordKeys.shardStart(streamId, shard);
        byte[] recordsEnd = RecordKeys.streamRecordSeek(streamId, shard, before);
        Kept kept = firstRecordFrom(streamId, shard, before);
        if (kept == null) {
            // Nothing at or above the point: the time index goes up to its last entry found, no further.
            byte[] lastTime = lastKey(times(), streamId, shard);
            engine.enqueue(new StoreBatch.StreamTrim(
                            start,
                            recordsEnd,
                            start,
                            lastTime == null ? null : RecordKeys.successor(lastTime),
                            null,
                            before))
                    .await();
            return;
        }
        // The kept record may share its time with trimmed ones, whose entry indexed that time: it heads it now.
        byte[] keptTime = RecordKeys.streamTimeKey(streamId, shard, kept.arrivalMillis(), kept.sequence());
        engine.enqueue(new StoreBatch.StreamTrim(start, recordsEnd, start, keptTime, keptTime, before))
                .await();
    }

    /** Receives a shard's records during {@link #scanRecords}; false stops the scan. */
    @FunctionalInterface
    private interface RecordStep {
        boolean at(RecordChunks.Reader record);
    }

    /**
     * Steps through a shard's records from {@code from}, in order, chunks and records written alone alike. A chunk's key
     * is its last record's, so the seek never lands on one wholly below {@code from}; its records below are skipped.
     */
    private void scanRecords(long streamId, int shard, SequenceNumber from, String action, RecordStep step) {
        engine.scanWhile(
                records(),
                RecordKeys.streamRecordSeek(streamId, shard, from),
                RecordKeys.shardEnd(streamId, shard),
                action,
                (key, value) -> {
                    RecordChunks.Reader entry = RecordChunks.Reader.of(key, value);
                    while (entry.next()) {
                        if (entry.sequence().compareTo(from) >= 0 && !step.at(entry)) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    /** The first record of a shard at or after a sequence number, as far as it is read here. */
    private record Kept(SequenceNumber sequence, long arrivalMillis) {}

    private @Nullable Kept firstRecordFrom(long streamId, int shard, SequenceNumber from) {
        Kept[] found = {null};
        scanRecords(streamId, shard, from, "trimming Kinesis shard " + streamId + "/" + shard, record -> {
            found[0] = new Kept(record.sequence(), record.arrivalMillis());
            return false;
        });
        return found[0];
    }

    @Override
    public void trimBeforeTime(long streamId, int shard, long beforeMillis) {
        StreamBatch.checkShard(streamId, shard);
        if (beforeMillis <= 0) {
            return;
        }
        if (!families.readable()) {
            return;
        }
        byte[] start = RecordKeys.shardStart(streamId, shard);
        byte[] kept = firstTimeKey(streamId, shard, beforeMillis);
        if (kept == null) {
            // Every record found arrived before the point: delete up to the last ones found, no further.
            byte[] lastRecord = lastKey(records(), streamId, shard);
            byte[] lastTime = lastKey(times(), streamId, shard);
            if (lastRecord == null && lastTime == null) {
                return;
            }
            engine.enqueue(new StoreBatch.StreamTrim(
                            start,
                            lastRecord == null ? null : RecordKeys.successor(lastRecord),
                            start,
                            lastTime == null ? null : RecordKeys.successor(lastTime),
                            null,
                            null))
                    .await();
            return;
        }
        // The records before the kept one arrived before the point, those of its own chunk included.
        SequenceNumber keptSequence = RecordKeys.streamTimeSequenceOf(kept);
        byte[] recordsEnd = RecordKeys.streamRecordSeek(streamId, shard, keptSequence);
        engine.enqueue(new StoreBatch.StreamTrim(start, recordsEnd, start, kept, null, keptSequence))
                .await();
    }

    private byte @Nullable [] firstTimeKey(long streamId, int shard, long timeMillis) {
        return firstKey(
                times(),
                RecordKeys.streamTimeSeek(streamId, shard, Math.max(0, timeMillis)),
                RecordKeys.shardEnd(streamId, shard),
                "finding a time in Kinesis shard " + streamId + "/" + shard);
    }

    private byte @Nullable [] firstKey(ColumnFamilyHandle family, byte[] start, byte[] end, String action) {
        byte[][] first = {null};
        engine.scanKeysWhile(family, start, end, action, key -> {
            first[0] = key;
            return false;
        });
        return first[0];
    }

    private byte @Nullable [] lastKey(ColumnFamilyHandle family, long streamId, int shard) {
        return engine.lastKey(
                family,
                RecordKeys.shardStart(streamId, shard),
                RecordKeys.shardEnd(streamId, shard),
                "trimming Kinesis shard " + streamId + "/" + shard);
    }

    /** Adds a batch's ops to a group's write. Writer thread only. */
    void apply(WriteBatch write, StreamBatch batch) throws RocksDBException {
        // Per shard, the arrival time of this batch's last append: a record of the same time needs no index entry.
        Map<Long, Map<Integer, Long>> indexed = new HashMap<>();
        // Per shard, the chunk of this batch's appends not yet written.
        Map<ShardOf, RecordChunks.Builder> chunks = new LinkedHashMap<>();
        for (StreamBatch.Op op : batch.ops()) {
            if (op instanceof StreamBatch.DeleteShard || op instanceof StreamBatch.DeleteStream) {
                // A deletion covers the appends before it in the batch: they are written first.
                writeChunks(write, chunks);
            }
            switch (op) {
                case StreamBatch.PutMetadata put ->
                    write.put(metadata(), RecordKeys.streamMetadataKey(put.streamId(), put.name()), put.value());
                case StreamBatch.DeleteMetadata delete ->
                    write.delete(metadata(), RecordKeys.streamMetadataKey(delete.streamId(), delete.name()));
                case StreamBatch.Append append -> append(write, append, indexed, chunks);
                case StreamBatch.DeleteShard delete -> {
                    byte[] start = RecordKeys.shardStart(delete.streamId(), delete.shard());
                    byte[] end = RecordKeys.shardEnd(delete.streamId(), delete.shard());
                    write.deleteRange(records(), start, end);
                    write.deleteRange(times(), start, end);
                    Map<Integer, Long> shardTimes = indexed.get(delete.streamId());
                    if (shardTimes != null) {
                        shardTimes.remove(delete.shard());
                    }
                }
                case StreamBatch.DeleteStream delete -> {
                    byte[] start = RecordKeys.streamStart(delete.streamId());
                    byte[] end = RecordKeys.streamEnd(delete.streamId());
                    write.deleteRange(metadata(), start, end);
                    write.deleteRange(records(), start, end);
                    write.deleteRange(times(), start, end);
                    indexed.remove(delete.streamId());
                }
            }
        }
        writeChunks(write, chunks);
    }

    /** A shard of a stream, as the key of a batch's open chunks. */
    private record ShardOf(long streamId, int shard) {}

    private void writeChunks(WriteBatch write, Map<ShardOf, RecordChunks.Builder> chunks) throws RocksDBException {
        for (RecordChunks.Builder chunk : chunks.values()) {
            if (!chunk.isEmpty()) {
                write.put(records(), chunk.key(), chunk.value());
            }
        }
        chunks.clear();
    }

    private void append(
            WriteBatch write,
            StreamBatch.Append append,
            Map<Long, Map<Integer, Long>> indexed,
            Map<ShardOf, RecordChunks.Builder> chunks)
            throws RocksDBException {
        RecordChunks.Builder chunk = chunks.computeIfAbsent(
                new ShardOf(append.streamId(), append.shard()), key -> new RecordChunks.Builder());
        if (!chunk.fits(append)) {
            write.put(records(), chunk.key(), chunk.value());
            chunk.clear();
        }
        chunk.add(append);
        Long previous = indexed.computeIfAbsent(append.streamId(), id -> new HashMap<>())
                .put(append.shard(), append.arrivalMillis());
        if (previous == null || previous != append.arrivalMillis()) {
            write.put(
                    times(),
                    RecordKeys.streamTimeKey(
                            append.streamId(), append.shard(), append.arrivalMillis(), append.sequence()),
                    new byte[0]);
        }
    }

    /** Adds a trim's range deletions, and the index entry it keeps, to a group's write. Writer thread only. */
    void apply(WriteBatch write, StoreBatch.StreamTrim trim) throws RocksDBException {
        byte[] recordsEnd = trim.recordsEnd();
        SequenceNumber splitBelow = trim.splitBelow();
        if (recordsEnd != null && splitBelow != null) {
            splitChunk(write, recordsEnd, splitBelow);
        }
        if (recordsEnd != null) {
            write.deleteRange(records(), trim.recordsStart(), recordsEnd);
        }
        if (trim.timesEnd() != null) {
            write.deleteRange(times(), trim.timesStart(), trim.timesEnd());
        }
        if (trim.timeKey() != null) {
            write.put(times(), trim.timeKey(), new byte[0]);
        }
    }

    /**
     * Rewrites the chunk where a trim's range ends without its records below the trim point, under the same key (its
     * last record stays): the range delete removes only the chunks wholly below. Writer thread only, with every batch
     * queued before the trim written.
     */
    private void splitChunk(WriteBatch write, byte[] from, SequenceNumber below) throws RocksDBException {
        byte[] shardEnd = RecordKeys.shardEnd(RecordKeys.streamIdOf(from), RecordKeys.shardOf(from));
        byte[][] found = {null, null};
        engine.scanWhile(records(), from, shardEnd, "trimming a Kinesis shard", (key, value) -> {
            found[0] = key;
            found[1] = value;
            return false;
        });
        byte[] key = found[0];
        byte[] value = found[1];
        if (key == null || value == null || !RecordChunks.isChunk(key)) {
            return;
        }
        byte[] tail = RecordChunks.tailFrom(value, below);
        if (tail != null && tail != value) {
            write.put(records(), key, tail);
        }
    }
}

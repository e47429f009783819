package dev.wharf.storage.rocksdb;

import dev.wharf.storage.MetricBatch;
import dev.wharf.storage.MetricStore;
import dev.wharf.storage.PendingCommit;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * CloudWatch's records in two column families of a {@link RocksDbStorageEngine} (keys in {@link RecordKeys}): {@code
 * cloudwatch-resources} holds the resources under their keys' UTF-8 bytes, as {@code sns-resources} does, and {@code
 * cloudwatch-points} the points by (series id, period, time), the time's sign bit flipped so that negative times sort
 * first.
 *
 * <p>Retention (DeletePointsBefore), a deleted series (DeleteSeriesPoints) and DeleteResourcePrefix are each one range
 * tombstone, ordered in the write with the batch's other ops, so they delete exactly what was put before them, earlier
 * batches of the same group included, and cost no work per point. Every other delete is a point delete, since many
 * small range tombstones slow RocksDB's reads down.
 *
 * <p>Thread-safe: commits go through the engine's one writer, reads through the engine's lifecycle lock.
 */
final class RocksDbMetricStore implements MetricStore {

    private final RocksDbStorageEngine engine;
    private final ColumnFamilyHandle resources;
    private final ColumnFamilyHandle points;

    RocksDbMetricStore(RocksDbStorageEngine engine, ColumnFamilyHandle resources, ColumnFamilyHandle points) {
        this.engine = engine;
        this.resources = resources;
        this.points = points;
    }

    /** {@inheritDoc} It shares the engine's writer, so it is ordered with the other stores' commits too. */
    @Override
    public PendingCommit submit(MetricBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        return engine.enqueue(new StoreBatch.Metrics(batch));
    }

    @Override
    public void scanResources(String prefix, ResourceVisitor visitor) {
        byte[] start = RecordKeys.resourceKey(prefix);
        engine.scan(
                resources,
                start.length == 0 ? null : start,
                start.length == 0 ? null : RecordKeys.prefixEnd(start),
                "scanning the CloudWatch resources under a prefix",
                (key, value) -> visitor.onRecord(RecordKeys.resourceKeyOf(key), value));
    }

    @Override
    public byte @Nullable [] readResource(String key) {
        return engine.get(resources, RecordKeys.resourceKey(key), "reading a CloudWatch resource");
    }

    @Override
    public byte @Nullable [] readPoint(long seriesId, int periodSeconds, long timeSeconds) {
        MetricBatch.checkSeries(seriesId, periodSeconds);
        return engine.get(
                points,
                RecordKeys.pointKey(seriesId, periodSeconds, timeSeconds),
                "reading a point of CloudWatch series " + seriesId);
    }

    @Override
    public void scanPoints(long seriesId, int periodSeconds, long fromSeconds, long toSeconds, PointVisitor visitor) {
        MetricBatch.checkSeries(seriesId, periodSeconds);
        byte[] start = RecordKeys.pointKey(seriesId, periodSeconds, fromSeconds);
        // An empty range still goes to the engine, which refuses it once closed, and finds nothing below its start.
        byte[] end = fromSeconds < toSeconds ? RecordKeys.pointKey(seriesId, periodSeconds, toSeconds) : start;
        engine.scanWhile(
                points,
                start,
                end,
                "scanning the points of CloudWatch series " + seriesId,
                (key, value) -> visitor.onPoint(RecordKeys.pointTimeOf(key), value));
    }

    /** Adds a batch's ops to a group's write, in the batch's order. Writer thread only. */
    void apply(WriteBatch write, MetricBatch batch) throws RocksDBException {
        for (MetricBatch.Op op : batch.ops()) {
            switch (op) {
                case MetricBatch.PutResource put ->
                    write.put(resources, RecordKeys.resourceKey(put.key()), put.value());
                case MetricBatch.DeleteResource delete -> write.delete(resources, RecordKeys.resourceKey(delete.key()));
                case MetricBatch.DeleteResourcePrefix delete -> {
                    byte[] start = RecordKeys.resourceKey(delete.prefix());
                    write.deleteRange(resources, start, RecordKeys.prefixEnd(start));
                }
                case MetricBatch.PutPoint put ->
                    write.put(
                            points,
                            RecordKeys.pointKey(put.seriesId(), put.periodSeconds(), put.timeSeconds()),
                            put.value());
                case MetricBatch.DeletePointsBefore delete -> {
                    // Nothing is before the earliest time: no tombstone for an empty range.
                    if (delete.beforeSeconds() != Long.MIN_VALUE) {
                        write.deleteRange(
                                points,
                                RecordKeys.pointsStart(delete.seriesId(), delete.periodSeconds()),
                                RecordKeys.pointKey(delete.seriesId(), delete.periodSeconds(), delete.beforeSeconds()));
                    }
                }
                case MetricBatch.DeleteSeriesPoints delete ->
                    write.deleteRange(
                            points, RecordKeys.seriesStart(delete.seriesId()), RecordKeys.seriesEnd(delete.seriesId()));
            }
        }
    }
}

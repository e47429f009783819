package dev.wharf.storage;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps CloudWatch's resource records and points on the heap for {@link MemoryStorageEngine}.
 *
 * <p>Batches, reads and scans hold the engine's monitor, which orders this store's commits with the other stores' and
 * makes each batch atomic for readers. The maps are concurrent anyway, so that a visitor that writes to the store during
 * a scan does not break the scan's iteration.
 */
final class MemoryMetricStore implements MetricStore {

    /** A point's place: series, period, then time, so that one (series, period) is a contiguous range by time. */
    private record PointKey(long seriesId, int periodSeconds, long timeSeconds) implements Comparable<PointKey> {
        @Override
        public int compareTo(PointKey other) {
            int bySeries = Long.compare(seriesId, other.seriesId);
            if (bySeries != 0) {
                return bySeries;
            }
            int byPeriod = Integer.compare(periodSeconds, other.periodSeconds);
            return byPeriod != 0 ? byPeriod : Long.compare(timeSeconds, other.timeSeconds);
        }
    }

    private final MemoryStorageEngine engine;
    private final NavigableMap<String, byte[]> resources = new ConcurrentSkipListMap<>(MemoryTopicStore::compareUtf8);
    private final NavigableMap<PointKey, byte[]> points = new ConcurrentSkipListMap<>();

    MemoryMetricStore(MemoryStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public PendingCommit submit(MetricBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        synchronized (engine) {
            engine.checkOpen();
            for (MetricBatch.Op op : batch.ops()) {
                apply(op);
            }
        }
        return PendingCommit.DONE;
    }

    /** Engine monitor must be held. */
    private void apply(MetricBatch.Op op) {
        switch (op) {
            case MetricBatch.PutResource put -> resources.put(put.key(), put.value());
            case MetricBatch.DeleteResource delete -> resources.remove(delete.key());
            case MetricBatch.DeleteResourcePrefix delete -> deletePrefix(delete.prefix());
            case MetricBatch.PutPoint put ->
                points.put(new PointKey(put.seriesId(), put.periodSeconds(), put.timeSeconds()), put.value());
            case MetricBatch.DeletePointsBefore delete ->
                points.subMap(
                                new PointKey(delete.seriesId(), delete.periodSeconds(), Long.MIN_VALUE),
                                true,
                                new PointKey(delete.seriesId(), delete.periodSeconds(), delete.beforeSeconds()),
                                false)
                        .clear();
            case MetricBatch.DeleteSeriesPoints delete ->
                points.subMap(
                                new PointKey(delete.seriesId(), Integer.MIN_VALUE, Long.MIN_VALUE),
                                true,
                                new PointKey(delete.seriesId(), Integer.MAX_VALUE, Long.MAX_VALUE),
                                true)
                        .clear();
        }
    }

    @Override
    public void scanResources(String prefix, ResourceVisitor visitor) {
        TopicBatch.checkKey(prefix);
        synchronized (engine) {
            engine.checkOpen();
            for (Map.Entry<String, byte[]> record :
                    resources.tailMap(prefix, true).entrySet()) {
                if (!record.getKey().startsWith(prefix)) {
                    break;
                }
                visitor.onRecord(record.getKey(), record.getValue().clone());
            }
        }
    }

    @Override
    public byte @Nullable [] readResource(String key) {
        TopicBatch.checkKey(key);
        synchronized (engine) {
            engine.checkOpen();
            byte[] value = resources.get(key);
            return value == null ? null : value.clone();
        }
    }

    @Override
    public byte @Nullable [] readPoint(long seriesId, int periodSeconds, long timeSeconds) {
        MetricBatch.checkSeries(seriesId, periodSeconds);
        synchronized (engine) {
            engine.checkOpen();
            byte[] value = points.get(new PointKey(seriesId, periodSeconds, timeSeconds));
            return value == null ? null : value.clone();
        }
    }

    @Override
    public void scanPoints(long seriesId, int periodSeconds, long fromSeconds, long toSeconds, PointVisitor visitor) {
        MetricBatch.checkSeries(seriesId, periodSeconds);
        synchronized (engine) {
            // Checked before the empty range returns, so that a closed store refuses every scan, as the contract says.
            engine.checkOpen();
            if (fromSeconds >= toSeconds) {
                return;
            }
            for (Map.Entry<PointKey, byte[]> point : points.subMap(
                            new PointKey(seriesId, periodSeconds, fromSeconds),
                            true,
                            new PointKey(seriesId, periodSeconds, toSeconds),
                            false)
                    .entrySet()) {
                if (!visitor.onPoint(
                        point.getKey().timeSeconds(), point.getValue().clone())) {
                    return;
                }
            }
        }
    }

    /** Engine monitor must be held. */
    private void deletePrefix(String prefix) {
        Iterator<String> keys = resources.tailMap(prefix, true).keySet().iterator();
        while (keys.hasNext() && keys.next().startsWith(prefix)) {
            keys.remove();
        }
    }
}

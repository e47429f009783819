package dev.wharf.cloudwatch.engine;

import dev.wharf.storage.MetricBatch;
import dev.wharf.storage.MetricStore;
import dev.wharf.storage.PendingCommit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Adds samples to the points of their series at every {@link Resolution}, and reads points back.
 *
 * <p>A point is read, merged and written under one lock, so that concurrent writers to one bucket do not lose each
 * other's samples; the batch is submitted under it too, and awaited after it. Until a batch is durable its points are
 * kept in {@link #pending}, since the store may not show a submitted batch to reads yet: a writer that comes before then
 * merges into the pending point, not into the stored one. Thread-safe.
 */
final class Datapoints {

    /** One sample of a series: a datum's aggregate at its time. */
    record Sample(Series series, long timeSeconds, boolean highResolution, String unit, Aggregate aggregate) {}

    private record PointRef(long seriesId, int periodSeconds, long timeSeconds, Series series, Resolution resolution) {

        @Override
        public boolean equals(Object other) {
            return other instanceof PointRef ref
                    && ref.seriesId == seriesId
                    && ref.periodSeconds == periodSeconds
                    && ref.timeSeconds == timeSeconds;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(seriesId * 31 + timeSeconds) * 31 + periodSeconds;
        }
    }

    private final MetricStore store;
    private final ReentrantLock lock = new ReentrantLock();
    /** The points of batches submitted and not yet durable; guarded by {@link #lock}. */
    private final Map<PointRef, byte[]> pending = new HashMap<>();

    Datapoints(MetricStore store) {
        this.store = store;
    }

    /** Adds the samples' points to the batch, submits it and waits until it is durable. */
    void commit(List<Sample> samples, MetricBatch batch) {
        Map<PointRef, TreeMap<String, Aggregate>> added = group(samples);
        Map<PointRef, byte[]> written = new HashMap<>();
        PendingCommit commit;
        lock.lock();
        try {
            for (Map.Entry<PointRef, TreeMap<String, Aggregate>> point : added.entrySet()) {
                PointRef ref = point.getKey();
                byte[] before = pending.get(ref);
                if (before == null) {
                    before = store.readPoint(ref.seriesId(), ref.periodSeconds(), ref.timeSeconds());
                }
                TreeMap<String, Aggregate> merged = before == null ? new TreeMap<>() : Points.decode(before);
                for (Map.Entry<String, Aggregate> unit : point.getValue().entrySet()) {
                    merged.computeIfAbsent(unit.getKey(), u -> new Aggregate()).add(unit.getValue());
                }
                byte[] value = Points.encode(merged);
                batch.putPoint(ref.seriesId(), ref.periodSeconds(), ref.timeSeconds(), value);
                ref.series().wrotePoint(ref.resolution(), ref.timeSeconds());
                written.put(ref, value);
            }
            commit = store.submit(batch);
            pending.putAll(written);
        } finally {
            lock.unlock();
        }
        try {
            commit.await();
        } finally {
            lock.lock();
            try {
                // Only this batch's own entries: a later write's point (another array) stays until its batch is
                // durable.
                written.forEach(pending::remove);
            } finally {
                lock.unlock();
            }
        }
    }

    private static Map<PointRef, TreeMap<String, Aggregate>> group(List<Sample> samples) {
        Map<PointRef, TreeMap<String, Aggregate>> points = new LinkedHashMap<>();
        for (Sample sample : samples) {
            for (Resolution resolution : Resolution.values()) {
                // Standard-resolution data is kept at one-minute granularity, at every resolution.
                long time = resolution == Resolution.SECOND && !sample.highResolution()
                        ? Resolution.MINUTE.bucketOf(sample.timeSeconds())
                        : resolution.bucketOf(sample.timeSeconds());
                PointRef ref =
                        new PointRef(sample.series().id(), resolution.seconds(), time, sample.series(), resolution);
                points.computeIfAbsent(ref, r -> new TreeMap<>())
                        .computeIfAbsent(sample.unit(), u -> new Aggregate())
                        .add(sample.aggregate());
            }
        }
        return points;
    }

    /** One stored point: its bucket's start and its aggregates by unit. */
    record Point(long timeSeconds, TreeMap<String, Aggregate> byUnit) {}

    /** The points of a series at a resolution with a time in [from, to), ascending. */
    List<Point> read(long seriesId, Resolution resolution, long fromSeconds, long toSeconds) {
        List<Point> points = new ArrayList<>();
        store.scanPoints(seriesId, resolution.seconds(), fromSeconds, toSeconds, (time, value) -> {
            points.add(new Point(time, Points.decode(value)));
            return true;
        });
        return points;
    }

    /**
     * Adds the deletion of a series's points past each resolution's retention to {@code batch}, where there can be
     * any: a range delete is a tombstone that RocksDB keeps until compaction, so a quiet series gets none.
     */
    void expire(Series series, long nowSeconds, MetricBatch batch) {
        for (Resolution resolution : Resolution.values()) {
            long cut = resolution.bucketOf(nowSeconds - resolution.retention().toSeconds());
            long known = series.oldest(resolution);
            if (known < cut) {
                batch.deletePointsBefore(series.id(), resolution.seconds(), cut);
                long[] oldest = {Long.MAX_VALUE};
                store.scanPoints(series.id(), resolution.seconds(), cut, Long.MAX_VALUE, (time, value) -> {
                    oldest[0] = time;
                    return false;
                });
                // A write since the oldest was read has lowered it; then it stays, and the next round deletes again.
                series.expiredBelow(resolution, known, oldest[0]);
            }
        }
    }
}

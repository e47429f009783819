package dev.wharf.server;

import dev.wharf.storage.StoreObserver;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * Shows the store's commit groups on /metrics as four Prometheus histograms: how long each group took to write and be
 * durable, how long its fsync took (in the sync mode), and how many batches and bytes it merged.
 *
 * <p>It hears the groups on the store's writer thread, which every commit waits behind, so it records into counters of
 * its own, with plain stores that only that thread makes (a few nanoseconds a group, nothing allocated), and builds the
 * histograms when scraped, as a collector of the Prometheus registry under Micrometer's: a Micrometer timer or summary
 * with buckets costs about a microsecond a record, more than a relaxed commit's own write (docs/ARCHITECTURE.md).
 */
final class StoreMeters implements StoreObserver, MultiCollector {

    private static final double NANOS_PER_SECOND = 1e9;

    /** From a write to memory-speed storage to a slow disk's fsync, in nanoseconds. */
    private static final long[] LATENCY_BOUNDS_NANOS = {
        10_000,
        25_000,
        50_000,
        100_000,
        250_000,
        500_000,
        1_000_000,
        2_500_000,
        5_000_000,
        10_000_000,
        25_000_000,
        50_000_000,
        100_000_000,
        250_000_000,
        1_000_000_000
    };

    /** Batches per group, up to the writer's queue of 4,096. */
    private static final long[] WRITES_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};

    /** Bytes per group, up to the writer's bound of 16 MiB beyond its first batch. */
    private static final long[] BYTES_BOUNDS = {
        1L << 10, 4L << 10, 16L << 10, 64L << 10, 256L << 10, 1L << 20, 4L << 20, 16L << 20
    };

    private final Distribution commit = new Distribution(
            "wharf_store_commit_seconds",
            "Store commit groups: from the start of their write until durable, fsync included",
            LATENCY_BOUNDS_NANOS,
            1 / NANOS_PER_SECOND);
    private final @Nullable Distribution fsync;
    private final Distribution writes = new Distribution(
            "wharf_store_group_commit_writes",
            "Batches (one per caller's commit) merged into each store commit group",
            WRITES_BOUNDS,
            1);
    private final Distribution bytes = new Distribution(
            "wharf_store_group_commit_bytes",
            "Bytes of each store commit group, as the store estimates them",
            BYTES_BOUNDS,
            1);

    /**
     * @param syncs whether the store fsyncs its commits (the sync mode), and so whether fsyncs are shown
     */
    StoreMeters(boolean syncs) {
        this.fsync = syncs
                ? new Distribution(
                        "wharf_store_fsync_seconds",
                        "The write-ahead log's fsync of each store commit group",
                        LATENCY_BOUNDS_NANOS,
                        1 / NANOS_PER_SECOND)
                : null;
    }

    /** The store's writer thread only. */
    @Override
    public void onCommit(int writes, long bytes, long commitNanos, long syncNanos) {
        commit.record(commitNanos);
        if (fsync != null) {
            fsync.record(syncNanos);
        }
        this.writes.record(writes);
        this.bytes.record(bytes);
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>(4);
        snapshots.add(commit.snapshot());
        if (fsync != null) {
            snapshots.add(fsync.snapshot());
        }
        snapshots.add(writes.snapshot());
        snapshots.add(bytes.snapshot());
        return new MetricSnapshots(snapshots);
    }

    @Override
    public List<String> getPrometheusNames() {
        List<String> names = new ArrayList<>(List.of(commit.name, writes.name, bytes.name));
        if (fsync != null) {
            names.add(fsync.name);
        }
        return names;
    }

    /**
     * Samples counted by bucket, and their sum: written by one thread, with ordered stores that cost what a plain store
     * does, and read by scrapes on any thread. A scrape may see a sample in its bucket before its sum, never more.
     */
    private static final class Distribution {

        final String name;
        private final String help;
        private final long[] upperBounds;
        /** The upper bounds as shown, scaled, with +Inf last. */
        private final double[] shownBounds;

        private final double scale;
        /** Per bucket, not cumulative; the last is +Inf's. */
        private final AtomicLongArray counts;

        private final AtomicLong sum = new AtomicLong();

        Distribution(String name, String help, long[] upperBounds, double scale) {
            this.name = name;
            this.help = help;
            this.upperBounds = upperBounds;
            this.scale = scale;
            this.counts = new AtomicLongArray(upperBounds.length + 1);
            this.shownBounds = new double[upperBounds.length + 1];
            for (int i = 0; i < upperBounds.length; i++) {
                shownBounds[i] = upperBounds[i] * scale;
            }
            shownBounds[upperBounds.length] = Double.POSITIVE_INFINITY;
        }

        /** The one writing thread only. */
        void record(long value) {
            int bucket = 0;
            while (bucket < upperBounds.length && value > upperBounds[bucket]) {
                bucket++;
            }
            counts.lazySet(bucket, counts.get(bucket) + 1);
            sum.lazySet(sum.get() + value);
        }

        HistogramSnapshot snapshot() {
            long[] taken = new long[counts.length()];
            for (int i = 0; i < taken.length; i++) {
                taken[i] = counts.get(i);
            }
            return HistogramSnapshot.builder()
                    .name(name)
                    .help(help)
                    .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                            .classicHistogramBuckets(ClassicHistogramBuckets.of(shownBounds, taken))
                            .sum(sum.get() * scale)
                            .build())
                    .build();
        }
    }
}

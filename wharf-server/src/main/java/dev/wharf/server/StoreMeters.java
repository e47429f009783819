package dev.wharf.server;

import dev.wharf.storage.StoreObserver;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Shows the store's commit groups on /metrics: how long each took to write and be durable, how long its fsync took (in
 * the sync mode), and how many batches and bytes it merged. It hears them on the store's writer thread, after the
 * group's callers are released, and records into Micrometer's meters without allocating.
 */
final class StoreMeters implements StoreObserver {

    /** From a write to memory-speed storage to a slow disk's fsync. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(10_000),
        Duration.ofNanos(25_000),
        Duration.ofNanos(50_000),
        Duration.ofNanos(100_000),
        Duration.ofNanos(250_000),
        Duration.ofNanos(500_000),
        Duration.ofMillis(1),
        Duration.ofNanos(2_500_000),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofSeconds(1)
    };

    /** Batches per group, up to the writer's queue of 4,096. */
    private static final double[] WRITES_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};

    private final Timer commit;
    private final @Nullable Timer fsync;
    private final DistributionSummary writes;
    private final DistributionSummary bytes;

    /**
     * @param syncs whether the store fsyncs its commits (the sync mode), and so whether fsyncs are shown
     */
    StoreMeters(MeterRegistry registry, boolean syncs) {
        this.commit = Timer.builder("wharf.store.commit")
                .description("Store commit groups: from the start of their write until durable, fsync included")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.fsync = syncs
                ? Timer.builder("wharf.store.fsync")
                        .description("The write-ahead log's fsync of each store commit group")
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry)
                : null;
        this.writes = DistributionSummary.builder("wharf.store.group.commit.writes")
                .description("Batches (one per caller's commit) merged into each store commit group")
                .serviceLevelObjectives(WRITES_BUCKETS)
                .register(registry);
        this.bytes = DistributionSummary.builder("wharf.store.group.commit")
                .description("Bytes of each store commit group, as the store estimates them")
                .baseUnit("bytes")
                .register(registry);
    }

    @Override
    public void onCommit(int writes, long bytes, long commitNanos, long syncNanos) {
        commit.record(commitNanos, TimeUnit.NANOSECONDS);
        if (fsync != null) {
            fsync.record(syncNanos, TimeUnit.NANOSECONDS);
        }
        this.writes.record(writes);
        this.bytes.record(bytes);
    }
}

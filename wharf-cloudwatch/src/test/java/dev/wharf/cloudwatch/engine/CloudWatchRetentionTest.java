package dev.wharf.cloudwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.common.TestClock;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.MetricBatch;
import dev.wharf.storage.MetricStore;
import dev.wharf.storage.PendingCommit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CloudWatchRetentionTest {

    /** The memory store, counting the range deletes of points that reach it. */
    static final class CountingStore implements MetricStore {
        final MetricStore store = new MemoryStorageEngine().metrics();
        final List<MetricBatch.DeletePointsBefore> deletes = new ArrayList<>();

        @Override
        public PendingCommit submit(MetricBatch batch) {
            batch.ops().stream()
                    .filter(op -> op instanceof MetricBatch.DeletePointsBefore)
                    .forEach(op -> deletes.add((MetricBatch.DeletePointsBefore) op));
            return store.submit(batch);
        }

        @Override
        public void scanResources(String prefix, ResourceVisitor visitor) {
            store.scanResources(prefix, visitor);
        }

        @Override
        public byte @Nullable [] readResource(String key) {
            return store.readResource(key);
        }

        @Override
        public byte @Nullable [] readPoint(long seriesId, int periodSeconds, long timeSeconds) {
            return store.readPoint(seriesId, periodSeconds, timeSeconds);
        }

        @Override
        public void scanPoints(long seriesId, int periodSeconds, long from, long to, PointVisitor visitor) {
            store.scanPoints(seriesId, periodSeconds, from, to, visitor);
        }
    }

    @Test
    void retentionDeletesOnlyWhereAPointIsPastItsCut() {
        TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
        CountingStore store = new CountingStore();
        CloudWatchEngine engine = new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, store);
        engine.putMetricData(
                CloudWatchMetricsTest.CONTEXT,
                new PutMetricDataRequest(
                        "App",
                        List.of(new MetricDatum("x", null, clock.instant(), 1.0, null, null, null, null, 1)),
                        null,
                        null));

        engine.runRetention();
        assertThat(store.deletes).as("nothing is past any cut yet").isEmpty();

        clock.advance(Duration.ofHours(4));
        engine.runRetention();
        assertThat(store.deletes)
                .as("the one-second point is past its three hours")
                .singleElement()
                .extracting(MetricBatch.DeletePointsBefore::periodSeconds)
                .isEqualTo(1);

        clock.advance(Duration.ofMinutes(5));
        engine.runRetention();
        assertThat(store.deletes).as("nothing is left to delete at one second").hasSize(1);

        CloudWatchEngine restarted = new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, store);
        restarted.runRetention();
        assertThat(store.deletes)
                .as("after a start the oldest points are unknown, so each resolution is cut once")
                .hasSize(5);
        restarted.runRetention();
        assertThat(store.deletes).hasSize(5);
    }
}

package dev.wharf.server;

import dev.wharf.storage.MemoryStorageEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the metrics add to each request, measured on the server's own classes (in this package for {@link
 * ServerMetrics}, which the server keeps package-private): the request timer that {@link ServiceRouter} calls for
 * every answer when the metrics are on ({@code onRequest}), and the store's commit meters once someone scrapes
 * ({@code onCommit}). bench/run.sh runs it beside the send-batch rounds and report.py sets the figures against the
 * sync Wharf's server CPU per SendMessageBatch (one request, one commit group at most, per ten messages).
 *
 * <p>Two threads, as the server's two event loops on this machine record into the same timers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class MetricsCostBenchmark {

    /** Latencies over the timer's buckets, so that records land in different ones as real requests do. */
    private static final long[] NANOS = {180_000, 420_000, 950_000, 2_300_000, 6_100_000, 14_000_000, 310_000};

    private final ServerMetrics metrics = new ServerMetrics(() -> 16, () -> 0, new MemoryStorageEngine(), 100);
    private final StoreMeters store = new StoreMeters(true);
    private int next;

    @Setup
    public void setUp() {
        // The server answers a few operations; the first request of each makes its timer, outside the measurement.
        for (String operation : new String[] {"SendMessageBatch", "ReceiveMessage", "DeleteMessageBatch"}) {
            metrics.onRequest("sqs", operation, 200, NANOS[0]);
        }
    }

    private long nanos() {
        // A racy index is fine: it only spreads the values over the buckets.
        int index = next + 1;
        next = index == NANOS.length ? 0 : index;
        return NANOS[index == NANOS.length ? 0 : index];
    }

    /** The request metrics of one SendMessageBatch: its timer's lookup and one record. */
    @Benchmark
    public void onRequest() {
        metrics.onRequest("sqs", "SendMessageBatch", 200, nanos());
    }

    /** The store's meters of one commit group: four histograms' records. */
    @Benchmark
    public void onCommit() {
        long nanos = nanos();
        store.onCommit(10, 2_400, nanos, nanos / 2);
    }
}

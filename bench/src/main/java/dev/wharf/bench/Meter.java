package dev.wharf.bench;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts messages and records latencies for one scenario, and runs its phases: a warm-up that is thrown away, then a
 * measured phase framed by readings of the server's and the generator's CPU time.
 *
 * <p>Thread-safe: recording is wait-free from any thread (HdrHistogram's {@link Recorder} and {@link LongAdder}).
 */
final class Meter {

    private static final long LATENCY_MAX_MICROS = 600_000_000L;

    private final Recorder latency = new Recorder(LATENCY_MAX_MICROS, 3);
    private final LongAdder messages = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile boolean measuring;
    private volatile boolean loggedError;

    /** Records one answered request that carried {@code count} messages. */
    void record(long latencyNanos, int count) {
        if (measuring) {
            latency.recordValue(Math.min(LATENCY_MAX_MICROS, Math.max(1, latencyNanos / 1000)));
            messages.add(count);
            requests.increment();
        }
    }

    /** Records one message's latency without counting a request (end-to-end delivery). */
    void recordMessage(long latencyNanos) {
        if (measuring) {
            latency.recordValue(Math.min(LATENCY_MAX_MICROS, Math.max(1, latencyNanos / 1000)));
            messages.increment();
        }
    }

    /** Whether the measured phase is running: what a scenario counts on its own should count only then. */
    boolean measuring() {
        return measuring;
    }

    void error(String what) {
        errors.increment();
        if (!loggedError) {
            loggedError = true;
            Bench.LOG.warn("first error: {}", what);
        }
    }

    /** The phases' outcome, before it is labelled. */
    record Measurement(
            long messages,
            long requests,
            long errors,
            double seconds,
            Histogram latencyMicros,
            double serverCpuSeconds,
            long serverRssPeakKb,
            long serverHwmKb,
            double generatorCpuSeconds) {}

    /**
     * Sleeps through the warm-up, then measures for {@code measuredSeconds} or until {@code done} answers true.
     * Must be called by one thread, while the load runs on others.
     */
    Measurement measure(double warmupSeconds, double measuredSeconds, ProcessProbe server, BooleanSupplier done)
            throws Exception {
        sleepUntil(System.nanoTime() + (long) (warmupSeconds * 1e9), done);
        ProcessProbe self = ProcessProbe.self(100);
        double serverCpu0 = server.cpuSeconds();
        double selfCpu0 = self.cpuSeconds();
        latency.reset();
        messages.reset();
        requests.reset();
        errors.reset();
        long start = System.nanoTime();
        measuring = true;
        try (AutoCloseable sampler = server.present() ? server.sampleRss() : () -> {}) {
            sleepUntil(start + (long) (measuredSeconds * 1e9), done);
        }
        measuring = false;
        long end = System.nanoTime();
        double serverCpu = server.cpuSeconds() - serverCpu0;
        double selfCpu = self.cpuSeconds() - selfCpu0;
        return new Measurement(
                messages.sum(),
                requests.sum(),
                errors.sum(),
                (end - start) / 1e9,
                latency.getIntervalHistogram(),
                serverCpu,
                server.rssPeakKb(),
                server.statusKb("VmHWM"),
                selfCpu);
    }

    private static void sleepUntil(long deadlineNanos, BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(20, left / 1_000_000)));
        }
    }
}

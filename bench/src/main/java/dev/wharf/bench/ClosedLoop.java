package dev.wharf.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed loop over pre-signed requests: each of the run's connections sends its next request (the variants in turn)
 * as soon as the previous one is answered, until the measured phase ends.
 */
final class ClosedLoop {

    private ClosedLoop() {}

    static Meter.Measurement run(
            LightClient client,
            Options options,
            Meter meter,
            List<ByteBuf> requests,
            Pool.Handler handler,
            double warmupSeconds)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong issued = new AtomicLong();
        List<LightClient.Connection> connections =
                client.connect(options.connections(), (connection, response, latencyNanos) -> {
                    handler.onAnswer(response, latencyNanos);
                    if (running.get()) {
                        connection.send(
                                requests.get((int) (issued.getAndIncrement() % requests.size())), System.nanoTime());
                    }
                });
        for (LightClient.Connection connection : connections) {
            connection.send(requests.get((int) (issued.getAndIncrement() % requests.size())), System.nanoTime());
        }
        try {
            return meter.measure(warmupSeconds, options.seconds(), options.serverProbe(), () -> false);
        } finally {
            running.set(false);
        }
    }

    /**
     * Sends each of {@code requests} once, over {@code connections} connections, and waits (at most a minute) for
     * every answer: the prefill of a scenario that reads what it wrote. Returns how many were not answered 200, each
     * also counted as an error of {@code meter} (the first one logged) under {@code operation}.
     */
    static int sendEach(LightClient client, int connections, List<ByteBuf> requests, Meter meter, String operation)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(requests.size());
        List<LightClient.Connection> opened = client.connect(connections, (connection, response, latencyNanos) -> {
            if (response.status().code() != 200) {
                failed.incrementAndGet();
                meter.error(operation + " answered " + response.status().code() + ": "
                        + response.content().toString(StandardCharsets.UTF_8));
            }
            answered.countDown();
            int request = next.getAndIncrement();
            if (request < requests.size()) {
                connection.send(requests.get(request), System.nanoTime());
            }
        });
        for (LightClient.Connection connection : opened) {
            int request = next.getAndIncrement();
            if (request < requests.size()) {
                connection.send(requests.get(request), System.nanoTime());
            }
        }
        try {
            if (!answered.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "the prefill's " + requests.size() + " " + operation + " were not answered within a minute");
            }
        } finally {
            for (LightClient.Connection connection : opened) {
                connection.close();
            }
        }
        return failed.get();
    }
}

package dev.wharf.bench;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
}

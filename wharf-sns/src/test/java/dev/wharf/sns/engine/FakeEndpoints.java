package dev.wharf.sns.engine;

import dev.wharf.sns.engine.endpoint.EndpointRequest;
import dev.wharf.sns.engine.endpoint.EndpointSender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints that an engine test scripts: every request is recorded with the instant it was sent, and answered as the
 * script says (a status, or no answer at all).
 */
final class FakeEndpoints implements EndpointSender {

    /** How one request is answered. */
    @FunctionalInterface
    interface Script {
        /** The status to answer with; throw an IOException for no answer. */
        int answer(EndpointRequest request) throws IOException, InterruptedException;
    }

    /** One request as the endpoint saw it. */
    record Received(EndpointRequest request, Instant at) {
        String body() {
            return new String(request.body(), StandardCharsets.UTF_8);
        }

        String header(String name) {
            String value = request.header(name);
            return value == null ? "" : value;
        }
    }

    private final Clock clock;
    private final List<Received> received = new ArrayList<>();
    private volatile Script script = request -> 200;
    private volatile boolean closed;

    FakeEndpoints(Clock clock) {
        this.clock = clock;
    }

    void answer(Script next) {
        this.script = next;
    }

    @Override
    public int send(EndpointRequest request) throws IOException, InterruptedException {
        synchronized (received) {
            received.add(new Received(request, clock.instant()));
        }
        return script.answer(request);
    }

    /** Every request so far, in the order they were sent. */
    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The requests of one message type ({@code x-amz-sns-message-type}), or Lambda invocations for "Invoke". */
    List<Received> received(String type) {
        List<Received> out = new ArrayList<>();
        for (Received request : received()) {
            String header = request.request().header("x-amz-sns-message-type");
            if (type.equals(header == null ? "Invoke" : header)) {
                out.add(request);
            }
        }
        return out;
    }

    void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}

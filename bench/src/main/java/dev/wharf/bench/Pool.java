package dev.wharf.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Spreads requests over a fixed set of connections without ever waiting for one: a request goes to an idle
 * connection, or waits in a bounded backlog, keeping the time it was meant to go out so that its latency includes
 * the wait (no coordinated omission).
 *
 * <p>Confined to one event loop: every connection of the pool, and every caller of {@link #submit}, must run on it.
 */
final class Pool implements LightClient.Listener {

    /** What the pool's owner does with each answer. */
    interface Handler {
        void onAnswer(FullHttpResponse response, long latencyNanos);
    }

    /** What the pool's owner does with each answer, told which request it answers (the tag it was submitted with). */
    interface TaggedHandler {
        void onAnswer(FullHttpResponse response, long latencyNanos, long tag);
    }

    private static final int BACKLOG_MAX = 1 << 20;

    private record Pending(ByteBuf request, long startNanos, long tag) {}

    private final ArrayDeque<LightClient.Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Pending> backlog = new ArrayDeque<>();
    /** The tag of the request each busy connection carries: a connection has at most one in flight. */
    private final IdentityHashMap<LightClient.Connection, Long> inFlight = new IdentityHashMap<>();

    private final TaggedHandler handler;
    private final Meter meter;

    Pool(Handler handler, Meter meter) {
        this((response, latencyNanos, tag) -> handler.onAnswer(response, latencyNanos), meter);
    }

    Pool(TaggedHandler handler, Meter meter) {
        this.handler = handler;
        this.meter = meter;
    }

    /** Adds the connections; call once, before the first submit, from any thread. */
    void open(List<LightClient.Connection> connections) {
        idle.addAll(connections);
    }

    void submit(ByteBuf request, long startNanos) {
        submit(request, startNanos, 0);
    }

    /** Submits a request whose answer the {@link TaggedHandler} gets with {@code tag}. */
    void submit(ByteBuf request, long startNanos, long tag) {
        LightClient.Connection connection = idle.poll();
        if (connection != null) {
            send(connection, new Pending(request, startNanos, tag));
        } else if (backlog.size() < BACKLOG_MAX) {
            backlog.add(new Pending(request, startNanos, tag));
        } else {
            meter.error("the open-loop backlog is full: the server is far slower than the offered rate");
        }
    }

    private void send(LightClient.Connection connection, Pending pending) {
        inFlight.put(connection, pending.tag());
        connection.send(pending.request(), pending.startNanos());
    }

    int backlog() {
        return backlog.size();
    }

    @Override
    public void onResponse(LightClient.Connection connection, FullHttpResponse response, long latencyNanos) {
        Long tag = inFlight.remove(connection);
        handler.onAnswer(response, latencyNanos, tag == null ? 0 : tag);
        Pending next = backlog.poll();
        if (next != null) {
            send(connection, next);
        } else {
            idle.add(connection);
        }
    }
}

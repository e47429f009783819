package dev.wharf.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.ArrayDeque;
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

    private static final int BACKLOG_MAX = 1 << 20;

    private record Pending(ByteBuf request, long startNanos) {}

    private final ArrayDeque<LightClient.Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Pending> backlog = new ArrayDeque<>();
    private final Handler handler;
    private final Meter meter;

    Pool(Handler handler, Meter meter) {
        this.handler = handler;
        this.meter = meter;
    }

    /** Adds the connections; call once, before the first submit, from any thread. */
    void open(List<LightClient.Connection> connections) {
        idle.addAll(connections);
    }

    void submit(ByteBuf request, long startNanos) {
        LightClient.Connection connection = idle.poll();
        if (connection != null) {
            connection.send(request, startNanos);
        } else if (backlog.size() < BACKLOG_MAX) {
            backlog.add(new Pending(request, startNanos));
        } else {
            meter.error("the open-loop backlog is full: the server is far slower than the offered rate");
        }
    }

    int backlog() {
        return backlog.size();
    }

    @Override
    public void onResponse(LightClient.Connection connection, FullHttpResponse response, long latencyNanos) {
        handler.onAnswer(response, latencyNanos);
        Pending next = backlog.poll();
        if (next != null) {
            connection.send(next.request(), next.startNanos());
        } else {
            idle.add(connection);
        }
    }
}

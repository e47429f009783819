package dev.wharf.server;

import dev.wharf.protocol.WireResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection through Wharf's real pipeline on an {@link EmbeddedChannel}, with operations that run only
 * when the test says so and a clock that moves only when the test moves it.
 */
final class Http1Connection {

    /** Operations handed to the virtual-thread executor, in order, not run yet. */
    final ArrayDeque<Runnable> operations = new ArrayDeque<>();
    /** The requests that reached the application, in order. */
    final List<ServiceRouter.HttpRequest> ran = new ArrayList<>();

    final EmbeddedChannel channel;
    private final StringBuilder written = new StringBuilder();

    Http1Connection(WharfConfig.Limits limits, PendingBytes pendingBytes) {
        this(limits, pendingBytes, null);
    }

    Http1Connection(WharfConfig.Limits limits, PendingBytes pendingBytes, @Nullable Executor executor) {
        this(limits, pendingBytes, executor, Http1Connection::echo);
    }

    /** A connection whose requests {@code respond} answers, each run when the test says so. */
    static Http1Connection answering(
            WharfConfig.Limits limits,
            PendingBytes pendingBytes,
            Function<ServiceRouter.HttpRequest, WireResponse> respond) {
        return new Http1Connection(limits, pendingBytes, null, respond);
    }

    private Http1Connection(
            WharfConfig.Limits limits,
            PendingBytes pendingBytes,
            @Nullable Executor executor,
            Function<ServiceRouter.HttpRequest, WireResponse> respond) {
        Executor handlers = executor == null ? operations::add : executor;
        Function<ServiceRouter.HttpRequest, WireResponse> application = request -> {
            ran.add(request);
            return respond.apply(request);
        };
        channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                new HttpPipeline(limits, pendingBytes, application, handlers, "http", "localhost:4566")
                        .addHttp1(ch.pipeline());
            }
        });
    }

    /** Answers with the request's method, path and body length. */
    private static WireResponse echo(ServiceRouter.HttpRequest request) {
        return new WireResponse(
                200,
                "text/plain",
                Map.of(),
                (request.method() + " " + request.rawPath() + " " + request.body().length)
                        .getBytes(StandardCharsets.UTF_8));
    }

    static WharfConfig.Limits limits() {
        return WharfConfig.Limits.defaults();
    }

    /** Sends bytes as the client would, in one read. */
    Http1Connection send(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        return this;
    }

    Http1Connection send(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        return this;
    }

    /** Runs the oldest operation handed to the executor, then what it posted back to the event loop. */
    Http1Connection runOne() {
        Runnable operation = operations.poll();
        if (operation == null) {
            throw new AssertionError("no operation is waiting");
        }
        operation.run();
        channel.runPendingTasks();
        return this;
    }

    Http1Connection runAll() {
        while (!operations.isEmpty()) {
            runOne();
        }
        return this;
    }

    Http1Connection advance(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
        return this;
    }

    /** Everything the server has written so far, as text. */
    String written() {
        channel.runPendingTasks();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ByteBuf bytes = (ByteBuf) out;
            written.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }
        return written.toString();
    }

    /** The status lines of the final responses written so far, in order. */
    List<String> statusLines() {
        List<String> lines = new ArrayList<>();
        Matcher matcher = STATUS_LINE.matcher(written());
        while (matcher.find()) {
            if (!matcher.group().startsWith("HTTP/1.1 100 ")) {
                lines.add(matcher.group());
            }
        }
        return lines;
    }

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 \\d{3} [^\r]*");

    /** Whether the connection is closed once the linger after a closing answer has passed. */
    boolean closedAfterLinger() {
        advance(TimeUnit.MILLISECONDS.toSeconds(RequestHandler.LINGER_MILLIS) + 1);
        return !channel.isActive();
    }

    static String post(String path, String body, String... headers) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + String.join("", headers) + "Content-Length: "
                + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    static String get(String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + String.join("", headers) + "\r\n";
    }
}

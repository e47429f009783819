package dev.wharf.server;

import dev.wharf.common.CommonError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Hands one HTTP/2 stream's request to the handlers that HTTP/1.1 requests go through, and bounds the time it may take
 * to arrive.
 *
 * <p>The request loses the extension headers ({@code x-http2-stream-id}, {@code x-http2-scheme}) that Netty's
 * conversion adds, so the application sees the headers the client sent. The whole request must arrive within the body
 * timeout from the stream's opening, or the stream is answered 408 in the request's shape and closed, and what still
 * arrives is dropped: without the bound, a client could keep a stream, and the request bytes it reserved, for as long as
 * the connection lives, which the idle timeout does not end while a stream is open.
 *
 * <p>All methods run on the connection's event loop.
 */
final class Http2RequestStream extends ChannelInboundHandlerAdapter {

    private static final String EXTENSION_PREFIX = "x-http2-";

    /** RFC 9113's overhead of each field in a header list's size. */
    private static final int FIELD_OVERHEAD_BYTES = 32;

    private final long timeoutNanos;
    private final int maxHeaderBytes;
    private @Nullable HttpRequest head;
    private @Nullable ScheduledFuture<?> timer;
    /** Whether the request has arrived whole, or been answered for not arriving: nothing more is timed. */
    private boolean done;
    /** Whether what arrives is dropped, because the request was answered 408 already. */
    private boolean dropping;

    Http2RequestStream(int timeoutSeconds, int maxHeaderBytes) {
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> onTimeout(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (dropping) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            removeExtensionHeaders(request.headers());
            if (headerListBytes(request) > maxHeaderBytes) {
                // Answered 431 by RequestHandler, as HTTP/1.1's is: a whole response, without the RST_STREAM
                // PROTOCOL_ERROR that Netty sends after its own 431, which the JDK's client sometimes read first and
                // failed on.
                request.setDecoderResult(DecoderResult.failure(
                        new TooLongHttpHeaderException("the header list is over " + maxHeaderBytes + " bytes")));
            }
            head = request;
            if (StreamedBodies.streams(request)) {
                // The body streams to the application, whose pipe bounds each wait for a byte instead (BodyPipe).
                done = true;
                cancelTimer();
            }
        }
        if (msg instanceof LastHttpContent) {
            done = true;
            cancelTimer();
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * A request's header list size as RFC 9113 counts it: each field's name and value and 32 bytes, the pseudo-headers
     * (method, path, scheme; the authority is the {@code host} header now) included.
     */
    private static long headerListBytes(HttpRequest request) {
        long bytes = ":method".length() + request.method().name().length() + FIELD_OVERHEAD_BYTES;
        bytes += ":path".length() + request.uri().length() + FIELD_OVERHEAD_BYTES;
        bytes += ":scheme".length() + "https".length() + FIELD_OVERHEAD_BYTES;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + FIELD_OVERHEAD_BYTES;
        }
        return bytes;
    }

    private static void removeExtensionHeaders(HttpHeaders headers) {
        List<String> extensions = new ArrayList<>(2);
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().toLowerCase(Locale.ROOT).startsWith(EXTENSION_PREFIX)) {
                extensions.add(header.getKey());
            }
        }
        extensions.forEach(headers::remove);
    }

    private void onTimeout(ChannelHandlerContext ctx) {
        timer = null;
        if (done || !ctx.channel().isActive()) {
            return;
        }
        done = true;
        dropping = true;
        HttpRequest current = head;
        if (current == null) {
            ctx.close();
            return;
        }
        String requestId = UUID.randomUUID().toString();
        ServiceRouter.HttpRequest exchange = RequestHandler.exchange(current, new byte[0], "", requestId);
        String message =
                "The request body did not arrive within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " seconds.";
        RequestHandler.respond(
                ctx, ServiceRouter.transportError(exchange, CommonError.REQUEST_TIMEOUT, message), requestId, false);
    }

    private void cancelTimer() {
        ScheduledFuture<?> pending = timer;
        timer = null;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // A pending timer would hold the closed stream's channel until it fires.
        cancelTimer();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
    }
}

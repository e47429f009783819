package dev.wharf.server;

import dev.wharf.common.CommonError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the HTTP/1.1 requests of one connection one at a time, and bounds the time each may take to arrive.
 *
 * <p>It begins a request only once the one before it has been answered: pipelined requests wait as undecoded bytes
 * (at most what one read brought, since reading pauses while a request runs), so they are answered strictly in order
 * and none runs beside another. After a request that asks to close the connection, or once the connection is being
 * closed, it drops every byte that follows.
 *
 * <p>A request's head must arrive within the header timeout from its first byte (from the connection's opening for its
 * first request), and its body within the body timeout after its head; otherwise the connection is answered 408 and
 * closed. The clock only runs while the connection is reading, never while a request before it is being answered.
 *
 * <p>All methods run on the channel's event loop.
 */
final class RequestDecoder extends HttpRequestDecoder {

    /** Why a request that carries both Transfer-Encoding and Content-Length fails to decode (RFC 9112 §6.1). */
    static final class ConflictingFramingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ConflictingFramingException() {
            super("Transfer-Encoding and Content-Length are both present");
        }
    }

    private final long headerTimeoutNanos;
    private final long bodyTimeoutNanos;
    private @Nullable ChannelHandlerContext ctx;
    /** Whether the decoder is between two requests: the last one has ended and no byte of the next one was decoded. */
    private boolean atBoundary = true;
    /** Whether the request decoded last has not been answered yet; no request begins while this holds. */
    private boolean awaitingAnswer;
    /** Whether bytes of a following request wait undecoded behind the unanswered one. */
    private boolean holding;
    /** Whether the current request asked to close the connection, so nothing after it is decoded. */
    private boolean lastRequest;
    /** Whether every byte that arrives is dropped: the connection is being closed. */
    private boolean discarding;
    /** Whether the decoder is inside {@link #channelRead}, which decodes whatever {@link #resume} would. */
    private boolean reading;
    /** The head of the current request while its body arrives, to shape a timeout's answer. */
    private @Nullable HttpRequest head;
    /** When the current request must be complete, in the event loop's ticker; 0 when no deadline runs. */
    private long deadlineNanos;

    private @Nullable ScheduledFuture<?> timer;
    private long timerDueNanos;

    RequestDecoder(HttpDecoderConfig config, int headerTimeoutSeconds, int bodyTimeoutSeconds) {
        super(config);
        this.headerTimeoutNanos = TimeUnit.SECONDS.toNanos(headerTimeoutSeconds);
        this.bodyTimeoutNanos = TimeUnit.SECONDS.toNanos(bodyTimeoutSeconds);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // A connection that never completes its first head is held to the same deadline as a slow head.
        deadlineNanos = now(ctx) + headerTimeoutNanos;
        schedule(ctx);
        super.channelActive(ctx);
    }

    /**
     * Cancels the deadline of a connection that has closed. A pending timer holds its connection (the channel, its
     * pipeline and buffers) until it fires, up to the body deadline after the close, so a flood of short connections
     * would otherwise keep tens of thousands of dead ones on the heap.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimer();
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        cancelTimer();
        super.handlerRemoved0(ctx);
    }

    private void cancelTimer() {
        deadlineNanos = 0;
        ScheduledFuture<?> pending = timer;
        timer = null;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        try {
            super.channelRead(ctx, msg);
        } finally {
            reading = false;
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (discarding) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (atBoundary) {
            if (awaitingAnswer) {
                holding = buffer.isReadable();
                return;
            }
            if (!buffer.isReadable()) {
                return;
            }
            atBoundary = false;
            if (deadlineNanos == 0) {
                deadlineNanos = now(ctx) + headerTimeoutNanos;
            }
        }
        int before = out.size();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            Object decoded = out.get(i);
            if (decoded instanceof HttpRequest request) {
                onHead(ctx, request);
            }
            if (decoded instanceof LastHttpContent) {
                onEnd();
            }
        }
        if (!atBoundary) {
            schedule(ctx);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        awaitingAnswer = true;
        head = request;
        lastRequest = !HttpUtil.isKeepAlive(request);
        // A streamed body (an S3 upload of up to 5 GiB) may take long in all; its pipe bounds each wait for a byte
        // instead (BodyPipe), and the application answers a body that stalls.
        deadlineNanos = StreamedBodies.streams(request) ? 0 : now(ctx) + bodyTimeoutNanos;
    }

    private void onEnd() {
        atBoundary = true;
        head = null;
        deadlineNanos = 0;
        if (lastRequest) {
            discarding = true;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (atBoundary && awaitingAnswer && !discarding) {
            // The decoder would ask for another read when it produced nothing; while a request waits for its answer,
            // that read would only pile bytes up behind it.
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        // Netty would drop Content-Length and read the body as chunked; a request framed two ways is how requests are
        // smuggled past proxies, so it fails to decode instead and is answered 400 with the connection closed.
        throw new ConflictingFramingException();
    }

    /** Records that the current request has been answered, so that the next one may begin. */
    void onAnswered() {
        awaitingAnswer = false;
    }

    /** Drops everything that the connection still sends: it is being closed. */
    void discardAll() {
        discarding = true;
        deadlineNanos = 0;
    }

    /** Decodes the request that waited behind the one just answered, if its bytes are here already. */
    void resume() {
        ChannelHandlerContext context = ctx;
        if (context == null || reading || !holding || awaitingAnswer || discarding) {
            return;
        }
        holding = false;
        try {
            channelRead(context, Unpooled.EMPTY_BUFFER);
            channelReadComplete(context);
        } catch (Exception e) {
            context.fireExceptionCaught(e);
        }
    }

    private void schedule(ChannelHandlerContext ctx) {
        if (deadlineNanos == 0) {
            return;
        }
        ScheduledFuture<?> pending = timer;
        if (pending != null) {
            if (timerDueNanos <= deadlineNanos) {
                return;
            }
            pending.cancel(false);
        }
        timerDueNanos = deadlineNanos;
        timer = ctx.executor().schedule(() -> onTimer(ctx), deadlineNanos - now(ctx), TimeUnit.NANOSECONDS);
    }

    private void onTimer(ChannelHandlerContext ctx) {
        timer = null;
        if (deadlineNanos == 0 || discarding || !ctx.channel().isActive()) {
            return;
        }
        if (now(ctx) < deadlineNanos) {
            schedule(ctx);
            return;
        }
        String requestId = UUID.randomUUID().toString();
        HttpRequest current = head;
        if (current == null) {
            RequestHandler.respond(ctx, RequestHandler.status(408, "Request header timeout."), requestId, false);
        } else if (awaitingAnswer) {
            ServiceRouter.HttpRequest exchange = RequestHandler.exchange(current, new byte[0], "", requestId);
            String message = "The request body did not arrive within "
                    + TimeUnit.NANOSECONDS.toSeconds(bodyTimeoutNanos) + " seconds.";
            RequestHandler.respond(
                    ctx,
                    ServiceRouter.transportError(exchange, CommonError.REQUEST_TIMEOUT, message),
                    requestId,
                    false);
        } else {
            discardAll();
            RequestHandler.closeAfterLinger(ctx.channel());
        }
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }
}

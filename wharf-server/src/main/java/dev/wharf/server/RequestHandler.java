package dev.wharf.server;

import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.StreamingBlob;
import dev.wharf.protocol.StreamingBody;
import dev.wharf.protocol.WireResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives whole HTTP requests on the event loop and runs each on a virtual thread, never on the event loop.
 *
 * <p>There is one per HTTP/1.1 connection and one per HTTP/2 stream. On HTTP/1.1 one request runs at a time: {@link
 * RequestDecoder} begins the next only after this handler has answered the current one, and reading pauses until then,
 * which keeps responses in request order and bounds what one connection can queue. An HTTP/2 stream carries one request,
 * and the connection's other streams run beside it. The bytes the request holds stay reserved in {@link PendingBytes}
 * until its operation has returned its response.
 *
 * <p>A response with a {@link StreamingBody} is written as its body writes it, from the request's virtual thread
 * through a {@link ResponseStream}: the head first, then the chunks (HTTP/1.1 chunked encoding, or HTTP/2 DATA
 * frames), then the end of the body once {@link StreamingBody#writeTo} returns. A body that throws, or whose sink gave
 * up, ends the HTTP/1.1 connection or resets the HTTP/2 stream instead. The idle timeout does not close a connection
 * while it streams.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    /** How long a connection that is being closed keeps draining what its client still sends. */
    static final long LINGER_MILLIS = 2_000;

    private final Function<ServiceRouter.HttpRequest, WireResponse> application;
    private final Executor handlers;
    private final String scheme;
    private final String fallbackHost;
    private final PendingBytes pendingBytes;
    /** How long a streaming body may wait for its reader before the response is given up. */
    private final long stallTimeoutNanos;
    /** Whether a streaming body is being written; set by its virtual thread, cleared on the event loop. */
    private volatile boolean streaming;

    RequestHandler(
            Function<ServiceRouter.HttpRequest, WireResponse> application,
            Executor handlers,
            String scheme,
            String fallbackHost,
            PendingBytes pendingBytes,
            int stallTimeoutSeconds) {
        this.application = application;
        this.handlers = handlers;
        this.scheme = scheme;
        this.fallbackHost = fallbackHost;
        this.pendingBytes = pendingBytes;
        this.stallTimeoutNanos = TimeUnit.SECONDS.toNanos(stallTimeoutSeconds);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof StreamedBodies.Streamed streamed) {
            onStreamed(ctx, streamed);
            return;
        }
        super.channelRead(ctx, msg);
    }

    /**
     * Runs a request whose body streams ({@link StreamedBodies}) as soon as its head is here; the connection keeps
     * reading its body meanwhile.
     */
    private void onStreamed(ChannelHandlerContext ctx, StreamedBodies.Streamed streamed) {
        String requestId = UUID.randomUUID().toString();
        HttpRequest head = streamed.head();
        long length = HttpUtil.getContentLength(head, -1L);
        ServiceRouter.HttpRequest exchange =
                exchange(head, new byte[0], requestId).withBodyStream(new StreamingBlob(streamed.body(), length));
        try {
            handlers.execute(
                    () -> serve(ctx, exchange, streamed.headReserved(), HttpUtil.isKeepAlive(head), streamed.body()));
        } catch (RejectedExecutionException e) {
            streamed.body().close();
            pendingBytes.release(streamed.headReserved());
            respond(
                    ctx,
                    ServiceRouter.transportError(exchange, CommonError.SERVICE_UNAVAILABLE, "Shutting down."),
                    requestId,
                    false);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requestId = UUID.randomUUID().toString();
        RequestAdmission admission = ctx.pipeline().get(RequestAdmission.class);
        long held = admission == null ? 0 : admission.takeReserved();
        if (request.decoderResult().isFailure()) {
            pendingBytes.release(held);
            respond(ctx, decodeFailure(request, requestId), requestId, false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ServiceRouter.HttpRequest exchange = exchange(request, ByteBufUtil.getBytes(request.content()), requestId);
        if (!(ctx.channel() instanceof Http2StreamChannel)) {
            // An HTTP/2 stream has nothing more to send once its request is whole, and keeps reading so that a reset
            // from its client reaches it; an HTTP/1.1 connection reads nothing more until this request is answered.
            ctx.channel().config().setAutoRead(false);
        }
        try {
            handlers.execute(() -> serve(ctx, exchange, held, keepAlive, null));
        } catch (RejectedExecutionException e) {
            pendingBytes.release(held);
            respond(
                    ctx,
                    ServiceRouter.transportError(exchange, CommonError.SERVICE_UNAVAILABLE, "Shutting down."),
                    requestId,
                    false);
        }
    }

    /**
     * Runs one request on its virtual thread, and answers it on the event loop, or streams its body from here. A
     * request whose body streamed ({@code body} not null) keeps its connection only when the whole body arrived; what
     * the application did not read is dropped, and an HTTP/2 stream whose body had not ended is reset with NO_ERROR
     * after the answer (RFC 9113 §8.1).
     */
    private void serve(
            ChannelHandlerContext ctx,
            ServiceRouter.HttpRequest exchange,
            long held,
            boolean keepAliveAsked,
            @Nullable BodyPipe body) {
        String requestId = exchange.requestId();
        WireResponse response;
        boolean bodyEnded;
        try {
            response = run(exchange);
        } finally {
            bodyEnded = body == null || body.ended();
            if (body != null) {
                // Before the head's reservation goes, which holds what waits in the pipe (BodyPipe#reservation).
                body.close();
            }
            pendingBytes.release(held);
        }
        boolean keepAlive = keepAliveAsked && bodyEnded;
        boolean reset = !bodyEnded && ctx.channel() instanceof Http2StreamChannel;
        StreamingBody stream = response.stream();
        if (stream == null) {
            onEventLoop(ctx, requestId, () -> {
                respond(ctx, response, requestId, keepAlive, exchange.method().equals("HEAD"));
                resetUnfinished(ctx, reset);
                next(ctx);
            });
            return;
        }
        boolean whole = false;
        try {
            whole = stream(ctx, response, stream, requestId, keepAlive);
        } finally {
            boolean ended = whole;
            onEventLoop(ctx, requestId, () -> {
                streaming = false;
                if (ended) {
                    finish(ctx, LastHttpContent.EMPTY_LAST_CONTENT, keepAlive);
                    resetUnfinished(ctx, reset);
                    next(ctx);
                } else {
                    abort(ctx);
                }
            });
        }
    }

    /** Ends an HTTP/2 stream whose request body had not ended when it was answered. */
    private static void resetUnfinished(ChannelHandlerContext ctx, boolean reset) {
        if (reset && ctx.channel().isActive()) {
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
        }
    }

    /**
     * Writes a streaming response's head and runs its body, on the request's virtual thread; says whether the body was
     * written whole, so that the response may end normally.
     */
    private boolean stream(
            ChannelHandlerContext ctx, WireResponse response, StreamingBody body, String requestId, boolean keepAlive) {
        HttpResponse head =
                new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
        setHeaders(head, response, requestId, keepAlive, -1);
        if (!head.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            // HTTP/1.1 frames a body of unknown length in chunks; over HTTP/2 the conversion drops the header, and
            // DATA frames carry it. A body whose length the response gives (an S3 object) goes out as it is.
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        streaming = true;
        ctx.writeAndFlush(head);
        ResponseStream sink = new ResponseStream(ctx, stallTimeoutNanos);
        try {
            body.writeTo(sink);
            return !sink.broken();
        } catch (InterruptedException e) {
            // The server is stopping; the response is cut short, and the thread ends here.
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.error(
                    "request {}: its streaming body failed: {}",
                    requestId,
                    LogText.failure(e, ServiceRouter.MAX_LOGGED_FRAMES));
            return false;
        }
    }

    /** Ends a response that cannot end whole: an HTTP/2 stream is reset, an HTTP/1.1 connection closed. */
    private static void abort(ChannelHandlerContext ctx) {
        if (ctx.channel() instanceof Http2StreamChannel) {
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
        }
        ctx.channel().close();
    }

    private static void onEventLoop(ChannelHandlerContext ctx, String requestId, Runnable task) {
        try {
            ctx.channel().eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // The transport stopped while this request ran: its connection is closed, so no one can be told.
            LOG.debug("request {} finished after its connection closed", requestId);
        }
    }

    /** Reads on after an answer: the request waiting behind it, if any, is decoded now. */
    private static void next(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        RequestDecoder decoder = ctx.pipeline().get(RequestDecoder.class);
        if (decoder != null) {
            decoder.resume();
        }
    }

    private WireResponse run(ServiceRouter.HttpRequest exchange) {
        try {
            return application.apply(exchange);
        } catch (RuntimeException e) {
            LOG.error(
                    "request {} failed: {}", exchange.requestId(), LogText.failure(e, ServiceRouter.MAX_LOGGED_FRAMES));
            return ServiceRouter.transportError(exchange, CommonError.INTERNAL_FAILURE, "An internal error occurred.");
        }
    }

    private ServiceRouter.HttpRequest exchange(HttpRequest request, byte[] body, String requestId) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        String endpoint = scheme + "://" + (host == null || host.isBlank() ? fallbackHost : host);
        return exchange(request, body, endpoint, requestId);
    }

    /** The request as the application sees it: the request line still encoded, header names in lower case. */
    static ServiceRouter.HttpRequest exchange(HttpRequest request, byte[] body, String endpoint, String requestId) {
        String uri = request.uri();
        int question = uri.indexOf('?');
        String rawPath = question < 0 ? uri : uri.substring(0, question);
        String rawQuery = question < 0 ? "" : uri.substring(question + 1);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(header.getValue());
        }
        return new ServiceRouter.HttpRequest(
                request.method().name(), rawPath, rawQuery, headers, body, endpoint, requestId);
    }

    private static WireResponse decodeFailure(FullHttpRequest request, String requestId) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpHeaderException) {
            return status(431, "Request header fields too large.");
        }
        if (cause instanceof TooLongHttpLineException) {
            return status(414, "Request URI too long.");
        }
        if (cause instanceof TooLongFrameException) {
            return status(413, "Request entity too large.");
        }
        // The decoder keeps the headers it read before it failed, so the error can take the request's shape.
        ServiceRouter.HttpRequest head = exchange(request, new byte[0], "", requestId);
        if (cause instanceof RequestDecoder.ConflictingFramingException) {
            return ServiceRouter.transportError(
                    head,
                    CommonError.BAD_REQUEST,
                    "The request must not carry both Transfer-Encoding and Content-Length.");
        }
        return ServiceRouter.transportError(head, CommonError.BAD_REQUEST, "Malformed HTTP request.");
    }

    static WireResponse status(int status, String message) {
        return new WireResponse(status, "text/plain; charset=utf-8", Map.of(), ServiceRouter.utf8(message + "\n"));
    }

    static void respond(ChannelHandlerContext ctx, WireResponse response, String requestId, boolean keepAlive) {
        respond(ctx, response, requestId, keepAlive, false);
    }

    /**
     * Writes the final answer to the connection's current request; {@code head} leaves the body out, as a response to
     * HEAD must. A connection that is not kept alive drops what its client still sends and closes after a linger.
     */
    static void respond(
            ChannelHandlerContext ctx, WireResponse response, String requestId, boolean keepAlive, boolean head) {
        if (!ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse http = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
        setHeaders(http, response, requestId, keepAlive, response.body().length);
        finish(ctx, http, keepAlive);
    }

    /**
     * Sets a response's headers: its content type and length ({@code contentLength} -1 for none), the request id, its
     * own headers, and whether the connection stays. HTTP/2 drops the connection header (RFC 9113 §8.2.2) when the
     * response is converted to frames.
     */
    private static void setHeaders(
            HttpResponse http, WireResponse response, String requestId, boolean keepAlive, int contentLength) {
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        if (contentLength >= 0) {
            http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        }
        http.headers().set("x-amzn-RequestId", requestId);
        response.headers().forEach((name, value) -> http.headers().set(name, value));
        http.headers()
                .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    }

    /**
     * Writes the last part of the answer to the connection's current request, then lets the next request begin, or
     * closes the connection after a linger.
     */
    private static void finish(ChannelHandlerContext ctx, HttpObject last, boolean keepAlive) {
        RequestDecoder decoder = ctx.pipeline().get(RequestDecoder.class);
        if (keepAlive) {
            ctx.writeAndFlush(last);
            if (decoder != null) {
                decoder.onAnswered();
            }
        } else {
            if (decoder != null) {
                decoder.discardAll();
            }
            ctx.writeAndFlush(last).addListener(written -> closeAfterLinger(ctx.channel()));
        }
    }

    /**
     * Ends a connection whose peer may still be sending (an oversized body, a request the decoder gave up on) without
     * losing the answer. Closing a socket with unread bytes makes the kernel send a reset, and a reset can destroy the
     * answer in the client's buffer before the client reads it. So the output is shut (the client sees the end of the
     * answer), the input keeps being read and dropped by {@link RequestDecoder}, and the socket is closed
     * when the client closes its side or after {@link #LINGER_MILLIS}, whichever comes first.
     */
    static void closeAfterLinger(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        channel.config().setAutoRead(true);
        if (channel instanceof SocketChannel socket && channel.pipeline().get(SslHandler.class) == null) {
            socket.shutdownOutput();
        }
        // A timer holds its channel until it fires: cancel it when the client closes first.
        var close = channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> close.cancel(false));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // A streaming body bounds itself, and a quiet moment in its stream is not idleness.
            if (!streaming) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), LogText.describe(cause));
        ctx.close();
    }
}

package dev.wharf.server;

import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.WireResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives whole HTTP requests on the event loop and runs each on a virtual thread, never on the event loop.
 *
 * <p>One request per connection runs at a time: reading pauses until its response is written, which keeps responses
 * in order and bounds the work one connection can queue.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    /** How long a connection that is being closed keeps draining what its client still sends. */
    static final long LINGER_MILLIS = 2_000;

    private final Function<ServiceRouter.HttpRequest, WireResponse> application;
    private final ExecutorService handlers;
    private final String scheme;
    private final String fallbackHost;

    RequestHandler(
            Function<ServiceRouter.HttpRequest, WireResponse> application,
            ExecutorService handlers,
            String scheme,
            String fallbackHost) {
        this.application = application;
        this.handlers = handlers;
        this.scheme = scheme;
        this.fallbackHost = fallbackHost;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requestId = UUID.randomUUID().toString();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            respond(ctx, decodeFailure(request.decoderResult().cause(), requestId), requestId, false);
            return;
        }
        ServiceRouter.HttpRequest exchange = exchange(request, requestId);
        ctx.channel().config().setAutoRead(false);
        try {
            handlers.execute(() -> {
                WireResponse response = run(exchange);
                try {
                    ctx.channel().eventLoop().execute(() -> {
                        respond(ctx, response, requestId, keepAlive);
                        ctx.channel().config().setAutoRead(true);
                    });
                } catch (RejectedExecutionException e) {
                    // The transport stopped while this request ran: its connection is closed, so no one can be told.
                    LOG.debug("request {} finished after its connection closed", requestId);
                }
            });
        } catch (RejectedExecutionException e) {
            respond(
                    ctx,
                    ServiceRouter.transportError(CommonError.SERVICE_UNAVAILABLE, "Shutting down.", requestId),
                    requestId,
                    false);
        }
    }

    private WireResponse run(ServiceRouter.HttpRequest exchange) {
        try {
            return application.apply(exchange);
        } catch (RuntimeException e) {
            LOG.error(
                    "request {} failed: {}", exchange.requestId(), LogText.failure(e, ServiceRouter.MAX_LOGGED_FRAMES));
            return ServiceRouter.transportError(
                    CommonError.INTERNAL_FAILURE, "An internal error occurred.", exchange.requestId());
        }
    }

    private ServiceRouter.HttpRequest exchange(FullHttpRequest request, String requestId) {
        String uri = request.uri();
        int question = uri.indexOf('?');
        String rawPath = question < 0 ? uri : uri.substring(0, question);
        String rawQuery = question < 0 ? "" : uri.substring(question + 1);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.computeIfAbsent(header.getKey().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>(1))
                    .add(header.getValue());
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        String endpoint = scheme + "://" + (host == null || host.isBlank() ? fallbackHost : host);
        byte[] body = ByteBufUtil.getBytes(request.content());
        return new ServiceRouter.HttpRequest(
                request.method().name(), rawPath, rawQuery, headers, body, endpoint, requestId);
    }

    private static WireResponse decodeFailure(Throwable cause, String requestId) {
        if (cause instanceof TooLongHttpHeaderException) {
            return status(431, "Request header fields too large.");
        }
        if (cause instanceof TooLongHttpLineException) {
            return status(414, "Request URI too long.");
        }
        if (cause instanceof TooLongFrameException) {
            return status(413, "Request entity too large.");
        }
        return ServiceRouter.transportError(CommonError.SERIALIZATION, "Malformed HTTP request.", requestId);
    }

    static WireResponse status(int status, String message) {
        return new WireResponse(status, "text/plain; charset=utf-8", Map.of(), ServiceRouter.utf8(message + "\n"));
    }

    static void respond(ChannelHandlerContext ctx, WireResponse response, String requestId, boolean keepAlive) {
        if (!ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse http = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                Unpooled.wrappedBuffer(response.body()));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        http.headers().set("x-amzn-RequestId", requestId);
        response.headers().forEach((name, value) -> http.headers().set(name, value));
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(http).addListener(written -> closeAfterLinger(ctx.channel()));
        }
    }

    /**
     * Ends a connection whose peer may still be sending (an oversized body, a request the decoder gave up on) without
     * losing the answer. Closing a socket with unread bytes makes the kernel send a reset, and a reset can destroy the
     * answer in the client's buffer before the client reads it. So the output is shut (the client sees the end of the
     * answer), the input keeps being read and dropped by the HTTP decoder and aggregator, and the socket is closed
     * when the client closes its side or after {@link #LINGER_MILLIS}, whichever comes first.
     */
    private static void closeAfterLinger(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        if (channel instanceof SocketChannel socket && channel.pipeline().get(SslHandler.class) == null) {
            socket.shutdownOutput();
        }
        channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
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

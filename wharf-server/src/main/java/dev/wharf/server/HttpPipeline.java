package dev.wharf.server;

import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.WireResponse;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the handlers that carry a connection's requests to the application, over HTTP/1.1 or HTTP/2, with the
 * transport's limits; one per listener, shared by its connections.
 *
 * <p>Every connection starts with the HTTP/1.1 handlers ({@link #addHttp1}), so that one that sends nothing or half a
 * head meets HTTP/1.1's deadlines exactly as before. {@link Http2PrefaceDetector} (plain HTTP, h2c with prior
 * knowledge) or {@link AlpnNegotiator} (TLS, ALPN {@code h2}) replaces them by HTTP/2's ({@link #switchToHttp2})
 * before a byte of the connection reaches them. Over HTTP/2 each stream is a child channel whose request goes through
 * the same admission, aggregator and {@link RequestHandler} as an HTTP/1.1 request: a {@link ServiceRouter.HttpRequest}
 * in, a {@link WireResponse} out.
 */
final class HttpPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPipeline.class);

    /**
     * The streams one HTTP/2 connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS); more are refused with
     * RST_STREAM REFUSED_STREAM. 100 is the least RFC 9113 §6.5.2 recommends, and a client that wants more opens a
     * second connection, which the connection limit counts.
     */
    static final int MAX_CONCURRENT_STREAMS = 100;

    private static final int MAX_INITIAL_LINE_BYTES = 16 * 1024;
    /** The HTTP/1.1 handlers by name, in pipeline order; {@link #switchToHttp2} removes them all. */
    private static final List<String> HTTP1_HANDLERS =
            List.of("idle", "encoder", "decoder", "admission", "streamed", "aggregate", "app");

    private final WharfConfig.Limits limits;
    private final PendingBytes pendingBytes;
    private final Function<ServiceRouter.HttpRequest, WireResponse> application;
    private final Executor handlers;
    private final String scheme;
    private final String fallbackHost;
    private final ChannelInitializer<Http2StreamChannel> streams = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Http2StreamChannel stream) {
            addStream(stream.pipeline());
        }
    };

    HttpPipeline(
            WharfConfig.Limits limits,
            PendingBytes pendingBytes,
            Function<ServiceRouter.HttpRequest, WireResponse> application,
            Executor handlers,
            String scheme,
            String fallbackHost) {
        this.limits = limits;
        this.pendingBytes = pendingBytes;
        this.application = application;
        this.handlers = handlers;
        this.scheme = scheme;
        this.fallbackHost = fallbackHost;
    }

    /**
     * Adds the HTTP/1.1 handlers to a connection's pipeline, after its TLS handler if it has one. The encoder comes
     * before the decoder, so that the decoder's and the later handlers' answers are encoded.
     */
    void addHttp1(ChannelPipeline pipeline) {
        pipeline.addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeoutSeconds(), TimeUnit.SECONDS));
        pipeline.addLast("encoder", new HttpResponseEncoder());
        HttpDecoderConfig decoding = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024);
        pipeline.addLast(
                "decoder",
                new RequestDecoder(decoding, limits.requestHeaderTimeoutSeconds(), limits.requestBodyTimeoutSeconds()));
        addRequestHandlers(pipeline);
    }

    /** The handlers that follow the decoder (HTTP/1.1) or the frame conversion (one HTTP/2 stream). */
    private void addRequestHandlers(ChannelPipeline pipeline) {
        pipeline.addLast(
                "admission",
                new RequestAdmission(limits.maxRequestBytes(), limits.maxStreamedRequestBytes(), pendingBytes));
        pipeline.addLast(
                "streamed",
                new StreamedBodies(pendingBytes, limits.requestBodyTimeoutSeconds(), limits.maxStreamedRequestBytes()));
        pipeline.addLast("aggregate", new BoundedAggregator(limits.maxRequestBytes()));
        pipeline.addLast(
                "app",
                new RequestHandler(
                        application, handlers, scheme, fallbackHost, pendingBytes, limits.idleTimeoutSeconds()));
    }

    /**
     * Replaces a connection's HTTP/1.1 handlers, which have seen none of its bytes yet, by the HTTP/2 connection's:
     * the idle timeout, the frame codec with the server's settings, and the stream multiplexer.
     *
     * <p>The settings carry the limits: at most {@link #MAX_CONCURRENT_STREAMS} open streams, and a header list of at
     * most twice the header limit, which Netty enforces; {@link Http2RequestStream} answers one over the limit itself
     * with 431, as HTTP/1.1's is (RFC 9113 counts each field's name and value plus 32 bytes), a whole response, where
     * Netty's own 431 is followed by RST_STREAM PROTOCOL_ERROR. Netty's defaults bound the rest: 64 KiB flow-control windows, 16 KiB frames, and its guards
     * against floods of resets, empty frames and control frames.
     */
    void switchToHttp2(ChannelPipeline pipeline) {
        for (String name : HTTP1_HANDLERS) {
            pipeline.remove(name);
        }
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .maxHeaderListSize(2L * limits.maxHeaderBytes());
        pipeline.addLast("idle", new Http2Idle(limits.idleTimeoutSeconds()));
        pipeline.addLast(
                "h2",
                Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
        pipeline.addLast("h2-streams", new Http2MultiplexHandler(streams));
        pipeline.addLast("h2-errors", CONNECTION_ERRORS);
    }

    /**
     * Adds the handlers of one HTTP/2 stream: frames become the HTTP/1.1 objects that the request handlers know, and
     * the response goes back as HEADERS and DATA frames. Netty already checked the stream's header list and its
     * content length against the DATA it carries.
     */
    void addStream(ChannelPipeline pipeline) {
        pipeline.addLast("h2-http", new Http2StreamFrameToHttpObjectCodec(true));
        pipeline.addLast("stream", new Http2RequestStream(limits.requestBodyTimeoutSeconds(), limits.maxHeaderBytes()));
        addRequestHandlers(pipeline);
    }

    /**
     * Closes an HTTP/2 connection that has been idle for the idle timeout, but only when it has no open stream: a
     * stream is bounded by its own request deadline and operation, and a streaming response may go quiet for longer
     * than the timeout. The close goes through the frame codec, which sends GOAWAY first.
     */
    private static final class Http2Idle extends IdleStateHandler {
        Http2Idle(int idleTimeoutSeconds) {
            super(0, 0, idleTimeoutSeconds, TimeUnit.SECONDS);
        }

        @Override
        protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
            Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
            if (codec == null || codec.connection().numActiveStreams() == 0) {
                ctx.channel().close();
            }
        }
    }

    /** Ends an HTTP/2 connection on a failure that no handler before it took care of, such as a reset socket. */
    private static final ChannelHandler CONNECTION_ERRORS = new ConnectionErrors();

    @ChannelHandler.Sharable
    private static final class ConnectionErrors extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("HTTP/2 connection {} failed: {}", ctx.channel().remoteAddress(), LogText.describe(cause));
            ctx.channel().close();
        }
    }

    /**
     * Aggregates a request body up to a bound, answering 413 with a request id beyond it. {@link RequestAdmission}
     * turns away declared lengths over the bound and answers {@code Expect} itself; only bodies of undeclared length
     * (HTTP/1.1 chunked, or HTTP/2 DATA without content-length) reach the bound here.
     */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        BoundedAggregator(int maxContentLength) {
            super(maxContentLength);
        }

        @Override
        protected @Nullable Object newContinueResponse(
                HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            return null;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            String requestId = UUID.randomUUID().toString();
            ServiceRouter.HttpRequest head = oversized instanceof HttpRequest request
                    ? RequestHandler.exchange(request, new byte[0], "", requestId)
                    : null;
            RequestHandler.respond(
                    ctx,
                    head == null
                            ? RequestHandler.status(413, "Request entity too large.")
                            : ServiceRouter.transportError(
                                    head, CommonError.REQUEST_ENTITY_TOO_LARGE, "Request entity too large."),
                    requestId,
                    false);
        }
    }
}

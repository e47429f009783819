package dev.wharf.server;

import dev.wharf.common.CommonError;
import dev.wharf.protocol.WireResponse;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds the handlers that carry a connection's requests to the application, with the transport's limits; one per
 * listener, shared by its connections.
 */
final class HttpPipeline {

    private static final int MAX_INITIAL_LINE_BYTES = 16 * 1024;

    private final WharfConfig.Limits limits;
    private final PendingBytes pendingBytes;
    private final Function<ServiceRouter.HttpRequest, WireResponse> application;
    private final Executor handlers;
    private final String scheme;
    private final String fallbackHost;

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
        pipeline.addLast("admission", new RequestAdmission(limits.maxRequestBytes(), pendingBytes));
        pipeline.addLast("aggregate", new BoundedAggregator(limits.maxRequestBytes()));
        pipeline.addLast("app", new RequestHandler(application, handlers, scheme, fallbackHost, pendingBytes));
    }

    /**
     * Aggregates a request body up to a bound, answering 413 with a request id beyond it. {@link RequestAdmission}
     * turns away declared lengths over the bound and answers {@code Expect} itself; only chunked bodies reach the bound
     * here.
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

package dev.wharf.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Streams the bodies of the requests that {@link ServiceRouter#streamsBody} names (S3's uploads, up to 5 GiB) to the
 * application instead of letting the aggregator hold them: the head goes on at once as a {@link Streamed} request,
 * whose body is a {@link BodyPipe} that the chunks after it feed as they arrive. The head's reserved bytes include the
 * pipe's ({@link BodyPipe#reservation}), so its chunks reserve nothing more in {@link PendingBytes} unless they pass it.
 *
 * <p>It sits between {@link RequestAdmission} and the aggregator. Reading the connection pauses while the pipe's window
 * is full and resumes when the application has drained it. After the body's end an HTTP/1.1 connection reads nothing
 * more until the request is answered, as for an aggregated request. All methods run on the channel's event loop.
 */
final class StreamedBodies extends ChannelInboundHandlerAdapter {

    /** A request whose body streams: its head, its pipe, and the head's bytes reserved in {@link PendingBytes}. */
    record Streamed(HttpRequest head, BodyPipe body, long headReserved) {}

    private final PendingBytes pendingBytes;
    private final int idleTimeoutSeconds;
    private final long maxBytes;
    private @Nullable BodyPipe current;

    StreamedBodies(PendingBytes pendingBytes, int idleTimeoutSeconds, long maxBytes) {
        this.pendingBytes = pendingBytes;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.maxBytes = maxBytes;
    }

    /** Whether a head starts a streamed body: a request that streams and has not ended with its head. */
    static boolean streams(HttpRequest head) {
        return !(head instanceof FullHttpRequest)
                && !head.decoderResult().isFailure()
                && ServiceRouter.streamsBody(
                        head.method().name(),
                        head.headers().get("authorization"),
                        RequestAdmission.queryOf(head.uri()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest head && streams(head)) {
            onHead(ctx, head);
            return;
        }
        BodyPipe pipe = current;
        if (msg instanceof HttpContent content && pipe != null) {
            onContent(ctx, pipe, content);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest head) {
        RequestAdmission admission = ctx.pipeline().get(RequestAdmission.class);
        long reserved = admission == null ? 0 : admission.takeReserved();
        boolean expectsContinue = HttpUtil.is100ContinueExpected(head);
        BodyPipe pipe = new BodyPipe(
                pendingBytes,
                () -> ctx.channel().eventLoop().execute(() -> resume(ctx)),
                () -> {
                    if (expectsContinue) {
                        ctx.channel()
                                .eventLoop()
                                .execute(() -> ctx.writeAndFlush(new DefaultFullHttpResponse(
                                        HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER)));
                    }
                },
                idleTimeoutSeconds,
                maxBytes,
                BodyPipe.reservation(head));
        current = pipe;
        ctx.fireChannelRead(new Streamed(head, pipe, reserved));
    }

    private void onContent(ChannelHandlerContext ctx, BodyPipe pipe, HttpContent content) {
        boolean full = pipe.offer(content.content());
        if (content instanceof LastHttpContent) {
            pipe.end();
            current = null;
            if (!(ctx.channel() instanceof Http2StreamChannel)) {
                // As for an aggregated request, the next request on the connection waits for this one's answer.
                ctx.channel().config().setAutoRead(false);
            }
        } else if (full) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** Reads on after the application drained the window, unless the body has ended meanwhile. */
    private void resume(ChannelHandlerContext ctx) {
        if (current != null && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        BodyPipe pipe = current;
        current = null;
        if (pipe != null) {
            pipe.fail(new IOException("the connection closed before the request body ended"));
        }
        super.channelInactive(ctx);
    }
}

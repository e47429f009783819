package dev.wharf.server;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.rpcv2.RpcV2Target;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessageDecoderResult;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Lets through the requests whose head HTTP/1.1 and the AWS protocols accept, answers the others itself before their
 * body is read, and holds what requests keep in memory within the server's budget of pending bytes.
 *
 * <p>It sits between {@link RequestDecoder} (or, on an HTTP/2 stream, {@link Http2RequestStream}) and the aggregator,
 * and sees one request at a time. A request it answers
 * is never passed on, and neither is its body. An answered request that has a body closes the connection (with the
 * linger of {@link RequestHandler#respond}), since the client may or may not send that body; one without a body keeps
 * the connection. The bytes of each head and body chunk passed on are reserved in {@link PendingBytes}, except that a
 * streamed body's head reserves its pipe's share at once ({@link BodyPipe#reservation}) in place of its chunks'; {@link
 * RequestHandler} takes them over with the whole request, and whatever is still held when the connection closes is
 * released then.
 *
 * <p>All methods run on the channel's event loop.
 */
final class RequestAdmission extends ChannelInboundHandlerAdapter {

    private final int maxRequestBytes;
    private final long maxStreamedRequestBytes;
    private final PendingBytes pendingBytes;
    /** Whether the current request's body streams ({@link StreamedBodies}) rather than being aggregated. */
    private boolean streamed;
    /** The bytes of the current request passed on and reserved, that {@link RequestHandler} has not taken over. */
    private long reserved;
    /** The head of the current request while its body is passed on; null between requests. */
    private @Nullable HttpRequest current;
    /** Whether the rest of the current request is dropped, because it has been answered already. */
    private boolean dropping;

    RequestAdmission(int maxRequestBytes, long maxStreamedRequestBytes, PendingBytes pendingBytes) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxStreamedRequestBytes = maxStreamedRequestBytes;
        this.pendingBytes = pendingBytes;
    }

    /** A refusal: the error, its message, the headers it adds, and whether the connection must close after it. */
    private record Refusal(AwsErrorCode code, String message, Map<String, String> headers, boolean close) {
        Refusal(AwsErrorCode code, String message, boolean close) {
            this(code, message, Map.of(), close);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest head) {
            onHead(ctx, head);
        } else if (msg instanceof HttpContent content) {
            onContent(ctx, content);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest head) {
        dropping = false;
        current = null;
        streamed = StreamedBodies.streams(head);
        if (head.decoderResult().isFailure()) {
            // A request the decoder gave up on carries its failure to RequestHandler, which answers and closes.
            ctx.fireChannelRead(head);
            return;
        }
        Refusal refusal = check(head);
        // A streamed body's head reserves what of its body may wait in its pipe at once, so that a body the budget
        // cannot hold beside the others is answered now, before it is sent, and none fails midway (BodyPipe).
        long headBytes = headBytes(head) + (streamed ? BodyPipe.reservation(head) : 0);
        if (refusal == null && !pendingBytes.tryReserve(headBytes)) {
            refusal = overBudget();
        }
        if (refusal != null) {
            refuse(ctx, head, refusal);
            ReferenceCountUtil.release(head);
            dropping = !(head instanceof LastHttpContent);
            return;
        }
        reserved += headBytes;
        if (HttpUtil.is100ContinueExpected(head) && !streamed) {
            // A streamed body's 100 Continue waits for the application to read it (BodyPipe), so that a request
            // answered first (a missing bucket) is answered before its client sends the body.
            // Only the current request is ever decoded, so this interim answer cannot precede an earlier final one.
            ctx.writeAndFlush(new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
        current = head;
        ctx.fireChannelRead(head);
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (dropping) {
            content.release();
            dropping = !last;
            return;
        }
        if (streamed) {
            // Held within the reservation its head made; the pipe reserves what passes it (BodyPipe).
            if (last) {
                current = null;
            }
            ctx.fireChannelRead(content);
            return;
        }
        int bytes = content.content().readableBytes();
        if (!pendingBytes.tryReserve(bytes)) {
            content.release();
            HttpRequest head = current;
            if (head != null) {
                refuse(ctx, head, overBudget());
            } else {
                ctx.close();
            }
            dropping = !last;
            return;
        }
        reserved += bytes;
        if (last) {
            current = null;
        }
        ctx.fireChannelRead(content);
    }

    private static Refusal overBudget() {
        return new Refusal(
                CommonError.SERVICE_UNAVAILABLE,
                "The server holds too many request bytes that are not answered yet; retry later.",
                true);
    }

    /** The first rule of HTTP/1.1 or of the protocols that the head breaks, or null when it breaks none. */
    private @Nullable Refusal check(HttpRequest head) {
        boolean hasBody = HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0;
        boolean http11 = head.protocolVersion().equals(HttpVersion.HTTP_1_1);
        int hosts = head.headers().getAll(HttpHeaderNames.HOST).size();
        if (hosts > 1 || (http11 && hosts == 0)) {
            // RFC 9112 §3.2: exactly one Host in HTTP/1.1, at most one before.
            return new Refusal(CommonError.BAD_REQUEST, "The request must carry exactly one Host header.", true);
        }
        Refusal framing = checkTransferEncoding(head, http11);
        if (framing != null) {
            return framing;
        }
        Refusal method = checkMethod(head, hasBody);
        if (method != null) {
            return method;
        }
        String expect = head.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && http11 && !HttpUtil.is100ContinueExpected(head)) {
            return new Refusal(CommonError.EXPECTATION_FAILED, "Only the expectation 100-continue is supported.", true);
        }
        long length = HttpUtil.getContentLength(head, 0L);
        if (length > (streamed ? maxStreamedRequestBytes : maxRequestBytes)) {
            return new Refusal(CommonError.REQUEST_ENTITY_TOO_LARGE, "Request entity too large.", true);
        }
        // A streamed body holds at most its pipe's reservation at once, not its length.
        if (!streamed && length > pendingBytes.available()) {
            return overBudget();
        }
        return null;
    }

    private static @Nullable Refusal checkTransferEncoding(HttpRequest head, boolean http11) {
        List<String> codings = head.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (codings.isEmpty()) {
            return null;
        }
        String joined = String.join(",", codings).toLowerCase(Locale.ROOT).replace(" ", "");
        if (!http11 || head.headers().contains(HttpHeaderNames.CONTENT_LENGTH) || !joined.endsWith("chunked")) {
            // RFC 9112 §6.1 and §6.3: the body's length cannot be told reliably; answer 400 and close.
            return new Refusal(CommonError.BAD_REQUEST, "The request's message framing is invalid.", true);
        }
        if (!joined.equals("chunked")) {
            // RFC 9112 suggests 501; a coding that no AWS client sends is the client's mistake, and gets a 4xx.
            return new Refusal(
                    CommonError.BAD_REQUEST, "Transfer-Encoding " + LogText.of(joined) + " is not supported.", true);
        }
        return null;
    }

    private static @Nullable Refusal checkMethod(HttpRequest head, boolean hasBody) {
        String method = head.method().name();
        String path = pathOf(head.uri());
        String allowed = path.equals(WharfServer.HEALTH_PATH)
                ? "GET"
                : path.startsWith(InternalResources.PREFIX)
                        ? InternalResources.METHODS
                        : ServiceRouter.allowedMethods(
                                path,
                                head.headers().get("x-amz-target"),
                                head.headers().get(RpcV2Target.PROTOCOL_HEADER),
                                head.headers().get("authorization"),
                                queryOf(head.uri()));
        if (List.of(allowed.split(", ")).contains(method)) {
            return null;
        }
        // RFC 9110 suggests 501 for a method HTTP does not define; any method but the target's own is the client's
        // mistake here, so every one gets 405 with the methods that work.
        return new Refusal(
                CommonError.METHOD_NOT_ALLOWED,
                "The method " + LogText.of(method) + " is not allowed here; use " + allowed.replace(", ", " or ") + ".",
                Map.of("Allow", allowed),
                hasBody);
    }

    static String queryOf(String uri) {
        int question = uri.indexOf('?');
        return question < 0 ? "" : uri.substring(question + 1);
    }

    private static String pathOf(String uri) {
        int question = uri.indexOf('?');
        return question < 0 ? uri : uri.substring(0, question);
    }

    private static void refuse(ChannelHandlerContext ctx, HttpRequest head, Refusal refusal) {
        String requestId = UUID.randomUUID().toString();
        ServiceRouter.HttpRequest request = RequestHandler.exchange(head, new byte[0], "", requestId);
        WireResponse error = ServiceRouter.transportError(request, refusal.code(), refusal.message());
        Map<String, String> headers = new HashMap<>(error.headers());
        headers.putAll(refusal.headers());
        WireResponse response = new WireResponse(error.status(), error.contentType(), headers, error.body());
        boolean keepAlive = !refusal.close() && HttpUtil.isKeepAlive(head);
        RequestHandler.respond(
                ctx, response, requestId, keepAlive, head.method().equals(HttpMethod.HEAD));
    }

    private static long headBytes(HttpRequest head) {
        if (head.decoderResult() instanceof HttpMessageDecoderResult sizes) {
            return sizes.totalSize();
        }
        // An HTTP/2 head, which arrived HPACK-compressed: count what it holds now.
        long bytes = head.uri().length();
        for (Map.Entry<String, String> header : head.headers()) {
            bytes += header.getKey().length() + header.getValue().length();
        }
        return bytes;
    }

    /** Hands the bytes reserved for the current request over to its caller, which releases them when it is done. */
    long takeReserved() {
        long bytes = reserved;
        reserved = 0;
        return bytes;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Whatever the aggregator still holds of an unfinished request goes with the connection.
        pendingBytes.release(takeReserved());
        super.channelInactive(ctx);
    }
}

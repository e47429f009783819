package dev.wharf.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * Looks at the first bytes of a plain-HTTP connection and switches it to HTTP/2 when they are the HTTP/2 connection
 * preface ({@code PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n}, RFC 9113 §3.4: h2c with prior knowledge).
 *
 * <p>It decides at the first byte that differs from the preface, which for an HTTP/1.1 request is its first or second
 * byte, and then removes itself; the bytes it held go on, untouched, to the HTTP/1.1 handlers or to the HTTP/2 frame
 * codec, which reads the preface itself. It holds at most the preface's 24 bytes. Until it decides, the HTTP/1.1
 * handlers' deadlines run as they do for any connection that has not sent a whole head.
 */
final class Http2PrefaceDetector extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE = Unpooled.unreleasableBuffer(Http2CodecUtil.connectionPrefaceBuf());

    private final HttpPipeline http;

    Http2PrefaceDetector(HttpPipeline http) {
        this.http = http;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int prefaceLength = PREFACE.readableBytes();
        int length = Math.min(in.readableBytes(), prefaceLength);
        if (!ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), length)) {
            ctx.pipeline().remove(this);
        } else if (length == prefaceLength) {
            http.switchToHttp2(ctx.pipeline());
            ctx.pipeline().remove(this);
        }
    }
}

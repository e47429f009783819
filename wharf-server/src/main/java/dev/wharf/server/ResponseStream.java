package dev.wharf.server;

import dev.wharf.protocol.StreamingBody;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The sink of one streaming response: writes each chunk of the body to its HTTP/1.1 connection or HTTP/2 stream, and
 * holds the body's thread back while too many of its bytes are still unwritten.
 *
 * <p>A chunk counts against the channel's write-buffer high-water mark from the moment it is handed to Netty until Netty
 * reports it written to the socket (over HTTP/2, past the stream's flow-control window too), so a reader that stops
 * reading stops the writer with at most that many bytes, or one larger chunk, in the server's memory. A writer that
 * waits longer than the stall timeout gives up, and so does every write after one that failed or once the channel has
 * closed: the response is then {@link #broken}, and cannot end normally.
 *
 * <p>{@link #write} runs on the body's thread only; the write listeners run on the event loop.
 */
final class ResponseStream implements StreamingBody.Sink {

    private final ChannelHandlerContext ctx;
    private final long stallTimeoutNanos;
    private final int highWaterBytes;
    /** Permits for the bytes that may be unwritten at once; a chunk takes as many as it has bytes, up to all. */
    private final Semaphore unwritten;

    private volatile boolean broken;

    ResponseStream(ChannelHandlerContext ctx, long stallTimeoutNanos) {
        this.ctx = ctx;
        this.stallTimeoutNanos = stallTimeoutNanos;
        this.highWaterBytes = Math.max(1, ctx.channel().config().getWriteBufferHighWaterMark());
        this.unwritten = new Semaphore(highWaterBytes);
    }

    @Override
    public boolean write(byte[] chunk) throws InterruptedException {
        if (!open()) {
            return false;
        }
        if (chunk.length == 0) {
            // An empty chunk would end an HTTP/1.1 chunked body; it carries nothing, so it is not written.
            return true;
        }
        int permits = Math.min(chunk.length, highWaterBytes);
        if (!unwritten.tryAcquire(permits, stallTimeoutNanos, TimeUnit.NANOSECONDS)) {
            broken = true;
            return false;
        }
        if (!open()) {
            unwritten.release(permits);
            return false;
        }
        // A copy, since the body may reuse its array once write returns; it lives until Netty has written it.
        ByteBuf content = ctx.alloc().buffer(chunk.length).writeBytes(chunk);
        ctx.writeAndFlush(new DefaultHttpContent(content)).addListener(written -> {
            unwritten.release(permits);
            if (!written.isSuccess()) {
                broken = true;
            }
        });
        return true;
    }

    private boolean open() {
        if (!broken && !ctx.channel().isActive()) {
            broken = true;
        }
        return !broken;
    }

    /** Whether a chunk was lost or never sent: the peer went away, a write failed, or the writer gave up waiting. */
    boolean broken() {
        return broken;
    }
}

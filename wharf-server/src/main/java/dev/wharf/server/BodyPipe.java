package dev.wharf.server;

import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Carries a streamed request body from the connection's event loop to the request's virtual thread: the event loop
 * {@link #offer offers} the body's chunks as they arrive, the application reads them as an {@link InputStream}.
 *
 * <p>At most about a window of bytes waits in it: when the window is full, {@link #offer} says so and the caller stops
 * reading the connection; once the reader has drained half of it, the pipe asks the event loop to read on ({@code
 * resume}). The bytes that wait are held in {@link PendingBytes} by the request's head: {@link RequestAdmission}
 * reserves the body's {@link #reservation} with it, so that the bodies streaming at once never hold more than the
 * budget and none fails midway because another filled its window. Only bytes beyond that reservation (a read that
 * brought more after the window filled) are reserved chunk by chunk, until the reader has consumed them or the pipe is
 * closed; a chunk the budget cannot hold fails the body. A reader that waits longer than the idle timeout for a byte, a
 * connection that closes before the body's end, and a body longer than its bound make {@link #read} throw an {@link
 * IOException}.
 *
 * <p>Threads: {@link #offer}, {@link #end} and {@link #fail} run on the event loop; {@link #read} and {@link #close} on
 * the request's thread. The lock guards every field; it is never held while calling out.
 */
final class BodyPipe extends InputStream {

    /** The bytes that may wait in the pipe before the connection stops reading. */
    static final int WINDOW_BYTES = 512 * 1024;

    /**
     * What a streamed body of unknown or large length reserves with its head: the window, and what may still arrive
     * once reading has paused (the rest of the read that filled it: at most one 64 KiB chunk of HTTP/1.1, one 16 KiB
     * DATA frame of HTTP/2), with room to spare.
     */
    static final int RESERVED_BYTES = WINDOW_BYTES + 128 * 1024;

    private record Chunk(ByteBuf bytes, long reserved) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final PendingBytes pendingBytes;
    private final Runnable resume;
    private final Runnable firstRead;
    private final long idleTimeoutNanos;
    private final long maxBytes;
    private final long headReserved;
    /** Lock must be held for every field below. */
    private long buffered;

    /** The bytes the queued chunks reserved beyond {@link #headReserved}, released as each chunk is consumed. */
    private long extraReserved;

    private long received;
    private boolean paused;
    private boolean ended;
    private boolean closed;
    private boolean readOnce;
    private @Nullable IOException failure;

    /**
     * @param resume asks the event loop to read the connection again; called from the reader's thread
     * @param firstRead called once, when the application first reads (to send {@code 100 Continue})
     * @param headReserved the bytes that the request's head reserved for its waiting body ({@link #reservation}), which
     *     the request releases when it is answered, after closing the pipe
     */
    BodyPipe(
            PendingBytes pendingBytes,
            Runnable resume,
            Runnable firstRead,
            int idleTimeoutSeconds,
            long maxBytes,
            long headReserved) {
        this.pendingBytes = pendingBytes;
        this.resume = resume;
        this.firstRead = firstRead;
        this.idleTimeoutNanos = TimeUnit.SECONDS.toNanos(idleTimeoutSeconds);
        this.maxBytes = maxBytes;
        this.headReserved = headReserved;
    }

    /**
     * The bytes that a streamed body's head reserves for what of the body may wait in its pipe: {@link #RESERVED_BYTES},
     * or the declared length when it is less.
     */
    static long reservation(HttpRequest head) {
        long length = HttpUtil.getContentLength(head, -1L);
        return length < 0 ? RESERVED_BYTES : Math.min(RESERVED_BYTES, length);
    }

    /**
     * Takes over a chunk of the body; returns whether the window is full, so that the caller stops reading until the
     * pipe resumes it. A chunk that arrives once the pipe is closed or failed is dropped; one that needs bytes beyond the
     * head's reservation that the budget cannot hold fails the body.
     */
    boolean offer(ByteBuf bytes) {
        lock.lock();
        try {
            if (!closed && failure == null && !ended) {
                received += bytes.readableBytes();
                if (received > maxBytes) {
                    failure = new IOException("the request body is longer than " + maxBytes + " bytes");
                    arrived.signalAll();
                } else if (bytes.isReadable()) {
                    long extra = Math.max(0, buffered + bytes.readableBytes() - headReserved - extraReserved);
                    if (extra > 0 && !pendingBytes.tryReserve(extra)) {
                        AwsException cause = CommonError.SERVICE_UNAVAILABLE.with("Please reduce your request rate.");
                        failure = new IOException(cause.getMessage(), cause);
                        arrived.signalAll();
                    } else {
                        chunks.add(new Chunk(bytes, extra));
                        extraReserved += extra;
                        buffered += bytes.readableBytes();
                        arrived.signalAll();
                        // Once paused, the pipe stays so until the reader has drained half and resumed the connection,
                        // even if the reader took some meanwhile: only that wake-up turns reading back on.
                        paused = paused || buffered >= WINDOW_BYTES;
                        return paused;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        bytes.release();
        return false;
    }

    /** The body has ended: the reader sees the end once it has read what waits. */
    void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The body cannot end normally (the connection closed, a budget ran out): the reader gets {@code cause}. */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (!ended && failure == null) {
                failure = cause;
                arrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the whole body arrived (whether or not it was read), so that the connection can carry another request. */
    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** The bytes that wait in the pipe, which a read takes without waiting; none once it is closed. */
    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, buffered);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        boolean first;
        lock.lock();
        try {
            first = !readOnce;
            readOnce = true;
        } finally {
            lock.unlock();
        }
        if (first) {
            // A client that sent Expect: 100-continue sends the body only now, so this precedes any wait for it.
            firstRead.run();
        }
        boolean wake = false;
        int n;
        lock.lock();
        try {
            n = take(buffer, offset, length);
            if (n > 0 && paused && buffered <= WINDOW_BYTES / 2) {
                paused = false;
                wake = true;
            }
        } finally {
            lock.unlock();
        }
        if (wake) {
            resume.run();
        }
        return n;
    }

    /** Lock must be held: waits for bytes and copies what the first chunk holds, or says the body ended. */
    private int take(byte[] buffer, int offset, int length) throws IOException {
        long deadline = System.nanoTime() + idleTimeoutNanos;
        while (chunks.isEmpty()) {
            if (closed) {
                throw new IOException("the request body was closed");
            }
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return -1;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                failure = new IOException("no byte of the request body arrived within "
                        + TimeUnit.NANOSECONDS.toSeconds(idleTimeoutNanos) + " seconds");
                throw failure;
            }
            try {
                arrived.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the request body", e);
            }
        }
        Chunk chunk = chunks.peek();
        int n = Math.min(length, chunk.bytes().readableBytes());
        chunk.bytes().readBytes(buffer, offset, n);
        buffered -= n;
        if (!chunk.bytes().isReadable()) {
            chunks.poll();
            chunk.bytes().release();
            extraReserved -= chunk.reserved();
            pendingBytes.release(chunk.reserved());
        }
        return n;
    }

    /** Drops what waits unread and what still arrives; idempotent. */
    @Override
    public void close() {
        boolean wake;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Chunk chunk : chunks) {
                chunk.bytes().release();
                pendingBytes.release(chunk.reserved());
            }
            chunks.clear();
            buffered = 0;
            extraReserved = 0;
            wake = paused;
            paused = false;
        } finally {
            lock.unlock();
        }
        if (wake) {
            // The rest is drained and dropped by the connection, or the connection closes.
            resume.run();
        }
    }
}

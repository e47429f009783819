package dev.wharf.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes that requests not yet answered hold, server-wide, against one limit: heads and bodies being
 * received or aggregated, and bodies whose request is running.
 *
 * <p>Thread-safe: event loops reserve, and virtual threads release when their request is done. Every reservation is
 * released exactly once, when its request is answered or its connection closes, whichever comes first.
 */
final class PendingBytes {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    PendingBytes(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** Reserves {@code bytes} if they fit under the limit, and says whether they did. */
    boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative reservation: " + bytes);
        }
        while (true) {
            long now = held.get();
            if (bytes > limit - now) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        long left = held.addAndGet(-bytes);
        if (left < 0) {
            throw new IllegalStateException("released more than was reserved: " + left);
        }
    }

    /** How many more bytes fit now; another thread may take them first. */
    long available() {
        return limit - held.get();
    }

    long held() {
        return held.get();
    }

    long limit() {
        return limit;
    }
}

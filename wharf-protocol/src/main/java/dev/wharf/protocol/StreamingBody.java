package dev.wharf.protocol;

/**
 * A response body that is written over time rather than at once, as SubscribeToShard's event stream is: the transport
 * sends the status and headers, then calls {@link #writeTo} on the request's own (virtual) thread, and ends the
 * response when it returns. Over HTTP/1.1 the chunks go out in chunked transfer encoding, over HTTP/2 as DATA frames.
 *
 * <p>The body bounds itself: it must return within its own time limit (SubscribeToShard's is five minutes), and it
 * must stop as soon as {@link Sink#write} answers false.
 */
@FunctionalInterface
public interface StreamingBody {

    /** Where a streaming body writes its chunks; used by one thread, the one that runs {@link #writeTo}. */
    interface Sink {
        /**
         * Sends one chunk and flushes it, waiting while the connection's outbound buffer is over its high-water mark,
         * so that a slow reader holds the writer back instead of filling the heap.
         *
         * @return false when the peer has gone or the connection is closing: the body should stop writing
         * @throws InterruptedException if the thread is interrupted while it waits, as at shutdown
         */
        boolean write(byte[] chunk) throws InterruptedException;
    }

    /**
     * Writes the whole body. An exception ends the response abruptly (the connection or HTTP/2 stream is reset), so a
     * body that wants to tell the client of an error writes it in its own framing first.
     */
    void writeTo(Sink sink) throws Exception;
}

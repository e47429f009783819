package dev.wharf.sns.engine.endpoint;

import java.io.IOException;

/**
 * Posts SNS's requests to endpoints outside the server and reports the status they answered with. The engine decides
 * what an answer means ({@link dev.wharf.sns.engine.delivery.DeliveryOutcome}); a sender only carries the request.
 *
 * <p>Implementations are thread-safe: the engine calls {@link #send} from many threads at once, never more than its
 * concurrency limits allow. {@link #send} blocks until the endpoint answers, the request's timeout passes, or the
 * calling thread is interrupted.
 */
public interface EndpointSender extends AutoCloseable {

    /**
     * Posts one request.
     *
     * @return the HTTP status the endpoint answered with; the answer's body is read and dropped
     * @throws java.net.http.HttpTimeoutException when no answer came within the request's timeout
     * @throws IOException when the endpoint could not be reached (refused, unreachable, a TLS failure, a broken
     *     connection)
     * @throws InterruptedException when the calling thread was interrupted, as when the server stops
     */
    int send(EndpointRequest request) throws IOException, InterruptedException;

    /** Frees what the sender holds (connections, threads); later sends may fail. Idempotent. */
    @Override
    void close();
}

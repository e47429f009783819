package dev.wharf.firehose.engine;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Posts a delivery's request to an endpoint outside the server (an HTTP endpoint, Splunk's HEC, an OpenSearch
 * cluster) and hands back what it answered. The sinks decide what an answer means; the port only carries it, so that
 * engine tests script the answers. Implementations are thread-safe, and {@link #post} blocks until the endpoint
 * answers, the post's timeout passes, or the thread is interrupted.
 */
public interface EndpointPort extends AutoCloseable {

    /** No endpoint can be reached: every post fails as an unreachable endpoint's does. */
    EndpointPort NONE = new EndpointPort() {
        @Override
        public Answer post(Post post) throws IOException {
            throw new IOException("this server posts to no endpoints outside it");
        }

        @Override
        public void close() {}
    };

    /** The most of an answer's body that is kept: Firehose reads at most 1 MiB of an HTTP endpoint's response. */
    int ANSWER_BYTES_MAX = 1024 * 1024;

    /**
     * One request.
     *
     * @param uri where to post it
     * @param headers the request's headers, by name
     * @param body the request's body, as it goes on the wire
     * @param timeout how long the whole exchange, the answer's body included, may take
     */
    record Post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) {}

    /**
     * An endpoint's answer.
     *
     * @param status the HTTP status
     * @param headers the answer's headers, by lower-case name, the first value of each
     * @param body at most {@link #ANSWER_BYTES_MAX} bytes of it
     * @param truncated whether the body was longer than that
     */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean truncated) {

        public Answer {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Posts one request.
     *
     * @throws java.net.http.HttpTimeoutException when no whole answer came within the post's timeout
     * @throws IOException when the endpoint could not be reached or the connection broke
     * @throws InterruptedException when the thread was interrupted, as when the server stops
     */
    Answer post(Post post) throws IOException, InterruptedException;

    /** Frees the connections and threads the port holds; idempotent. */
    @Override
    void close();
}

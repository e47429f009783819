package dev.wharf.bench.fuzz;

import java.util.List;

/**
 * One generated test: the bytes to send, how to send them, and what a correct server does with them. It depends only
 * on the seed, the index and the valid requests, so that the same seed and index give the same bytes again.
 *
 * @param index the case's position in the run; with the seed, it reproduces the case
 * @param category the protocol layer under attack
 * @param mutation what was done to a valid request, such as {@code string-for-integer}
 * @param shape the error shape the answer must have
 * @param operation the SQS operation of the valid request it started from, or {@code -}
 * @param bytes what is written to the socket
 * @param plan how it is written and what answer is due
 */
record FuzzCase(
        long index, Category category, String mutation, Shape shape, String operation, byte[] bytes, Plan plan) {

    /** The protocol layer a case attacks. */
    enum Category {
        JSON("json"),
        QUERY("query"),
        SIGV4("sigv4"),
        HTTP("http");

        final String label;

        Category(String label) {
            this.label = label;
        }
    }

    /** Which error shape a correct answer has: the request's protocol's, or any of the server's. */
    enum Shape {
        /** AWS JSON 1.0: a JSON object with {@code __type} and a message. */
        JSON,
        /** AWS Query: {@code ErrorResponse} XML with Code, Message and RequestId. */
        QUERY,
        /** Requests no protocol claims (framing faults, unknown routes): any well-formed error shape. */
        ANY
    }

    /** How the bytes reach the server. */
    enum Delivery {
        /** On the worker's keep-alive connection. */
        KEEP_ALIVE,
        /** On a new connection, in one write. */
        FRESH,
        /** On a new connection, a few bytes per write. */
        SPLIT,
        /** On a new connection, then the client shuts its output (the server reads end of stream). */
        HALF_CLOSE,
        /** On a new connection, then the client resets it without reading (SO_LINGER 0). */
        RESET,
        /** On a new connection, then the client closes it without reading. */
        CLOSE,
        /** On a new connection, then {@link Plan#streamBytes} more body bytes until the server answers. */
        STREAM
    }

    /** What a correct server does. */
    enum Expect {
        /** Answers the complete request. */
        RESPONSE,
        /** Answers, or closes the connection; never leaves it hanging. */
        RESPONSE_OR_CLOSE,
        /** Nothing to check but that the server survives: the client went away. */
        NOTHING,
        /** Answers each of {@link Plan#pipeline}, in order, until it answers one with {@code Connection: close}. */
        PIPELINE
    }

    /** One request of a pipelined case: the text its answer must contain, and its shape. */
    record Pipelined(String marker, Shape shape, boolean head) {}

    /**
     * How a case is sent and judged.
     *
     * @param requests how many requests the bytes hold, for the run's count
     * @param head whether the (single) request is a HEAD, whose answer has no body
     * @param probeAfter whether to send a health check on the same connection afterwards, to show the stream is
     *     still in step (no body after a HEAD answer, no request left half-read)
     * @param closeExpected whether a correct server closes the connection after answering (ambiguous framing)
     * @param timeoutMillis how long to wait for an answer
     * @param streamBytes for {@link Delivery#STREAM}, how many body bytes to offer after {@code bytes}
     */
    record Plan(
            Delivery delivery,
            Expect expect,
            int requests,
            List<Pipelined> pipeline,
            boolean head,
            boolean probeAfter,
            boolean closeExpected,
            int timeoutMillis,
            long streamBytes) {

        static final int TIMEOUT_MILLIS = 10_000;
        /** Long polls may hold a request up to 20 s. */
        static final int LONG_POLL_TIMEOUT_MILLIS = 25_000;
        /** After the client's end of stream, a server has nothing to wait for. */
        static final int AFTER_EOF_TIMEOUT_MILLIS = 5_000;

        Plan {
            pipeline = List.copyOf(pipeline);
        }

        static Plan keepAlive() {
            return new Plan(Delivery.KEEP_ALIVE, Expect.RESPONSE, 1, List.of(), false, false, false, TIMEOUT_MILLIS, 0);
        }

        static Plan fresh(Delivery delivery, Expect expect) {
            int timeout = delivery == Delivery.HALF_CLOSE ? AFTER_EOF_TIMEOUT_MILLIS : TIMEOUT_MILLIS;
            return new Plan(delivery, expect, 1, List.of(), false, false, false, timeout, 0);
        }

        static Plan pipeline(List<Pipelined> requests) {
            return new Plan(
                    Delivery.FRESH, Expect.PIPELINE, requests.size(), requests, false, false, false, TIMEOUT_MILLIS, 0);
        }

        Plan withHead(boolean newHead) {
            return new Plan(
                    delivery,
                    expect,
                    requests,
                    pipeline,
                    newHead,
                    probeAfter,
                    closeExpected,
                    timeoutMillis,
                    streamBytes);
        }

        Plan withProbe() {
            return new Plan(
                    delivery, expect, requests, pipeline, head, true, closeExpected, timeoutMillis, streamBytes);
        }

        Plan withCloseExpected() {
            return new Plan(delivery, expect, requests, pipeline, head, probeAfter, true, timeoutMillis, streamBytes);
        }

        Plan withTimeout(int millis) {
            return new Plan(delivery, expect, requests, pipeline, head, probeAfter, closeExpected, millis, streamBytes);
        }

        Plan withStream(long bytes) {
            return new Plan(
                    delivery, expect, requests, pipeline, head, probeAfter, closeExpected, timeoutMillis, bytes);
        }
    }
}

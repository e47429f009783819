package dev.wharf.firehose.engine;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Invokes a Lambda function synchronously for data transformation, as Firehose does: one POST of the transformation
 * event to the function's invoke URL, and the function's answer. {@link RecordPipeline} decides what an answer means; an
 * invoker only carries the request. Engine tests script it; the server uses {@link DefaultLambdaInvoker}.
 *
 * <p>Implementations are thread-safe. {@link #invoke} blocks until the function answers, the timeout passes, or the
 * calling thread is interrupted.
 */
public interface LambdaInvoker extends AutoCloseable {

    /** No function can be reached: every invocation fails as an unreachable one does. */
    LambdaInvoker NONE = new LambdaInvoker() {
        @Override
        public Answer invoke(Invocation invocation) throws IOException {
            throw new IOException("this server invokes no Lambda functions");
        }

        @Override
        public void close() {}
    };

    /**
     * One synchronous invocation.
     *
     * @param uri the function's invoke URL
     * @param payload the transformation event, JSON
     * @param timeout how long to wait for the whole answer
     */
    record Invocation(URI uri, byte[] payload, Duration timeout) {}

    /**
     * The function's answer.
     *
     * @param status the HTTP status
     * @param functionError whether Lambda reported that the function failed ({@code X-Amz-Function-Error})
     * @param body the answer's body, at most {@link #ANSWER_BYTES_MAX} bytes
     */
    record Answer(int status, boolean functionError, byte[] body) {}

    /** Lambda's limit on a synchronous invocation's payload, request or answer: 6 MB. */
    int ANSWER_BYTES_MAX = 6 * 1024 * 1024;

    /**
     * Invokes a function.
     *
     * @throws java.net.http.HttpTimeoutException when no answer came within the timeout
     * @throws IOException when the function could not be reached, or its answer exceeded {@link #ANSWER_BYTES_MAX}
     * @throws InterruptedException when the calling thread was interrupted, as when the server stops
     */
    Answer invoke(Invocation invocation) throws IOException, InterruptedException;

    /** Frees what the invoker holds; later invocations may fail. Idempotent. */
    @Override
    void close();
}

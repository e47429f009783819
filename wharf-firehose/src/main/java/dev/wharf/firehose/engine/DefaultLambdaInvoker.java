package dev.wharf.firehose.engine;

import dev.wharf.common.LazyHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Invokes transformation functions with the JDK's {@link HttpClient}: a POST of the event to the function's invoke URL
 * with {@code X-Amz-Invocation-Type: RequestResponse}, as Lambda's Invoke API and its Runtime Interface Emulator take
 * it, no redirects, no proxy. The whole exchange is bounded by the invocation's timeout and the answer by Lambda's 6 MB.
 *
 * <p>The client is made on the first invocation, so a server that transforms nothing pays nothing for it. Thread-safe.
 */
public final class DefaultLambdaInvoker implements LambdaInvoker {

    private final LazyHttpClient http =
            new LazyHttpClient("wharf-firehose-lambda-", "the Lambda invoker", builder -> {});

    @Override
    public Answer invoke(Invocation invocation) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(invocation.uri())
                .timeout(invocation.timeout())
                .header("Content-Type", "application/json")
                .header("X-Amz-Invocation-Type", "RequestResponse")
                .POST(HttpRequest.BodyPublishers.ofByteArray(invocation.payload()))
                .build();
        CompletableFuture<HttpResponse<InputStream>> exchange =
                http.get().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        long deadline = System.nanoTime() + invocation.timeout().toNanos();
        try {
            HttpResponse<InputStream> response =
                    exchange.get(invocation.timeout().toNanos(), TimeUnit.NANOSECONDS);
            CompletableFuture<byte[]> body =
                    CompletableFuture.supplyAsync(() -> read(response.body()), http.executor());
            byte[] bytes = body.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("X-Amz-Function-Error").isPresent(),
                    bytes);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException(
                    "no answer within " + invocation.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException(cause == null ? e.toString() : cause.toString(), cause);
        }
    }

    /** Reads an answer's body, refusing one larger than Lambda answers. */
    private static byte[] read(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(ANSWER_BYTES_MAX + 1);
            if (bytes.length > ANSWER_BYTES_MAX) {
                throw new IOException("the function's answer exceeds " + ANSWER_BYTES_MAX + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}

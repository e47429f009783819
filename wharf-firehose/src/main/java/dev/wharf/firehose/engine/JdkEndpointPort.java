package dev.wharf.firehose.engine;

import dev.wharf.common.LazyHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts with the JDK's {@link HttpClient}: HTTP/1.1, no redirects followed, no proxy, a connection timeout of {@link
 * #CONNECT_TIMEOUT}, and the whole exchange bounded by the post's timeout; an answer's body is read up to {@link
 * EndpointPort#ANSWER_BYTES_MAX} bytes and the rest dropped.
 *
 * <p>The client, with its selector thread and connection pool, is made on the first post, so that a server whose
 * streams deliver only to S3 pays nothing for it. Thread-safe.
 */
public final class JdkEndpointPort implements EndpointPort {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final LazyHttpClient http = new LazyHttpClient(
            "wharf-firehose-http-", "the endpoint port", builder -> builder.connectTimeout(CONNECT_TIMEOUT));

    /** A port that makes its client on the first post. */
    public JdkEndpointPort() {}

    @Override
    public Answer post(Post post) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(post.uri())
                .timeout(post.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(post.body()));
        post.headers().forEach(builder::header);
        CompletableFuture<Answer> exchange = http.get()
                .sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(JdkEndpointPort::read);
        try {
            return exchange.get(post.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no answer within " + post.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.io.UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? e.toString() : cause.toString(), cause);
        }
    }

    private static Answer read(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            byte[] kept = body.readNBytes(ANSWER_BYTES_MAX + 1);
            boolean truncated = kept.length > ANSWER_BYTES_MAX;
            Map<String, String> headers = new HashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.putIfAbsent(name.toLowerCase(Locale.ROOT), values.getFirst());
                }
            });
            return new Answer(
                    response.statusCode(),
                    headers,
                    truncated ? Arrays.copyOf(kept, ANSWER_BYTES_MAX) : kept,
                    truncated);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}

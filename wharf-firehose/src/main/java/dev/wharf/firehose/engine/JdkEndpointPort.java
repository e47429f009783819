package dev.wharf.firehose.engine;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

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

    /** A port that makes its client on the first post. */
    public JdkEndpointPort() {}

    private final Object lock = new Object();
    private volatile @Nullable HttpClient client;
    private volatile @Nullable ExecutorService executor;
    private volatile boolean closed;

    @Override
    public Answer post(Post post) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(post.uri())
                .timeout(post.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(post.body()));
        post.headers().forEach(builder::header);
        CompletableFuture<Answer> exchange = client().sendAsync(
                        builder.build(), HttpResponse.BodyHandlers.ofInputStream())
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

    private HttpClient client() throws IOException {
        HttpClient current = client;
        if (current != null && !closed) {
            return current;
        }
        synchronized (lock) {
            if (closed) {
                throw new IOException("the endpoint port is closed");
            }
            current = client;
            if (current == null) {
                ExecutorService tasks = Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("wharf-firehose-http-", 0).factory());
                current = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .executor(tasks)
                        .build();
                executor = tasks;
                client = current;
            }
            return current;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            HttpClient current = client;
            if (current != null) {
                current.shutdownNow();
            }
            ExecutorService tasks = executor;
            if (tasks != null) {
                tasks.shutdownNow();
            }
        }
    }
}

package dev.wharf.sns.engine.endpoint;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Sends SNS's requests with the JDK's {@link HttpClient}: HTTP/1.1 as SNS speaks it, no redirects followed (AWS counts
 * a 3xx as delivered), no proxy, and the whole exchange, body included, bounded by the request's timeout.
 *
 * <p>The client, and with it its selector thread and connection pool, is created on the first send, so that a server
 * that never delivers to an endpoint pays nothing for it. Its tasks run on virtual threads. Thread-safe.
 */
public final class DefaultEndpointSender implements EndpointSender {

    private final @Nullable SSLContext tls;
    private final Object lock = new Object();
    /** Guarded by {@link #lock} for writes; read without it once set. */
    private volatile @Nullable HttpClient client;

    private volatile @Nullable ExecutorService executor;
    private volatile boolean closed;

    /**
     * @param tls the TLS context for HTTPS endpoints, or null for the JDK's default one, which trusts the JDK's
     *     certificate authorities and checks the host name, as AWS does
     */
    public DefaultEndpointSender(@Nullable SSLContext tls) {
        this.tls = tls;
    }

    @Override
    public int send(EndpointRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(request.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        CompletableFuture<HttpResponse<Void>> exchange =
                client().sendAsync(builder.build(), HttpResponse.BodyHandlers.discarding());
        try {
            // The client's own timeout ends at the answer's head; this one covers a body that trickles in too.
            return exchange.get(request.timeout().toNanos(), TimeUnit.NANOSECONDS)
                    .statusCode();
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException(
                    "no answer within " + request.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? e.toString() : cause.toString(), cause);
        }
    }

    private HttpClient client() throws IOException {
        HttpClient current = client;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (closed) {
                throw new IOException("the endpoint sender is closed");
            }
            current = client;
            if (current == null) {
                ExecutorService tasks = Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("wharf-sns-http-", 0).factory());
                HttpClient.Builder builder = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .executor(tasks);
                if (tls != null) {
                    builder.sslContext(tls);
                }
                current = builder.build();
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

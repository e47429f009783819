package dev.wharf.sns.engine.endpoint;

import dev.wharf.common.LazyHttpClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

    private final LazyHttpClient http;

    /**
     * @param tls the TLS context for HTTPS endpoints, or null for the JDK's default one, which trusts the JDK's
     *     certificate authorities and checks the host name, as AWS does
     */
    public DefaultEndpointSender(@Nullable SSLContext tls) {
        this.http = new LazyHttpClient("wharf-sns-http-", "the endpoint sender", builder -> {
            if (tls != null) {
                builder.sslContext(tls);
            }
        });
    }

    @Override
    public int send(EndpointRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(request.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        CompletableFuture<HttpResponse<Void>> exchange =
                http.get().sendAsync(builder.build(), HttpResponse.BodyHandlers.discarding());
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

    @Override
    public void close() {
        http.close();
    }
}

package dev.wharf.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK HttpClient invoker against a real local server: the request, the function error, and its bounds. */
class DefaultLambdaInvokerTest {

    private final DefaultLambdaInvoker invoker = new DefaultLambdaInvoker();
    private final AtomicReference<String> invocationType = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/error", exchange -> {
            invocationType.set(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"));
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int written = 0; written <= LambdaInvoker.ANSWER_BYTES_MAX; written += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // The invoker stopped reading, as it should.
            }
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        invoker.close();
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aFunctionErrorIsReportedWithTheBodyAndTheInvocationIsSynchronous() throws Exception {
        LambdaInvoker.Answer answer = invoker.invoke(new LambdaInvoker.Invocation(
                url("/error"), "{\"records\":[]}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.functionError()).isTrue();
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"records\":[]}");
        assertThat(invocationType.get()).isEqualTo("RequestResponse");
    }

    @Test
    void anAnswerLargerThanLambdasIsRefused() {
        assertThatThrownBy(() ->
                        invoker.invoke(new LambdaInvoker.Invocation(url("/huge"), new byte[0], Duration.ofSeconds(10))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void aFunctionThatDoesNotAnswerInTimeTimesOut() {
        assertThatThrownBy(() ->
                        invoker.invoke(new LambdaInvoker.Invocation(url("/slow"), new byte[0], Duration.ofMillis(300))))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aClosedInvokerInvokesNothing() {
        invoker.close();
        assertThatThrownBy(() ->
                        invoker.invoke(new LambdaInvoker.Invocation(url("/error"), new byte[0], Duration.ofSeconds(1))))
                .isInstanceOf(IOException.class);
    }
}

package dev.wharf.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK HttpClient port against a real local server: the request as sent, the answer as read, and its bounds. */
class JdkEndpointPortTest {

    private final JdkEndpointPort port = new JdkEndpointPort();
    private final AtomicReference<String> seen = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            seen.set(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("X-Amz-Firehose-Request-Id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int written = 0; written <= EndpointPort.ANSWER_BYTES_MAX; written += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // The port stopped reading, as it should.
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
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        port.close();
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private EndpointPort.Post post(String path, Duration timeout) {
        return new EndpointPort.Post(
                uri(path),
                Map.of("X-Amz-Firehose-Request-Id", "r-1", "Content-Type", "application/json"),
                "{\"records\":[]}".getBytes(StandardCharsets.UTF_8),
                timeout);
    }

    @Test
    void postsTheBodyAndHeadersAndReadsTheAnswer() throws Exception {
        EndpointPort.Answer answer = port.post(post("/echo", Duration.ofSeconds(10)));

        assertThat(seen.get()).isEqualTo("POST r-1 {\"records\":[]}");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(answer.truncated()).isFalse();
    }

    @Test
    void anAnswerOverOneMebibyteIsTruncated() throws Exception {
        EndpointPort.Answer answer = port.post(post("/huge", Duration.ofSeconds(10)));

        assertThat(answer.truncated()).isTrue();
        assertThat(answer.body()).hasSize(EndpointPort.ANSWER_BYTES_MAX);
    }

    @Test
    void aSlowEndpointTimesOut() {
        assertThatThrownBy(() -> port.post(post("/slow", Duration.ofMillis(300))))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aClosedPortRefusesAndAnUnreachableEndpointIsAConnectFailure() throws Exception {
        int free;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        assertThatThrownBy(() -> port.post(new EndpointPort.Post(
                        URI.create("http://127.0.0.1:" + free + "/"), Map.of(), new byte[0], Duration.ofSeconds(5))))
                .isInstanceOf(ConnectException.class);
        port.close();
        assertThatThrownBy(() -> port.post(post("/echo", Duration.ofSeconds(5))))
                .isInstanceOf(IOException.class)
                .hasMessage("the endpoint port is closed");
    }
}

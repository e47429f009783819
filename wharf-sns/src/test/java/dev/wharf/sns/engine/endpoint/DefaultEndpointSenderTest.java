package dev.wharf.sns.engine.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK client behind SNS's deliveries, against a loopback HTTP server: what it sends and what it reports. */
class DefaultEndpointSenderTest {

    private final HttpServer server;
    private final DefaultEndpointSender sender = new DefaultEndpointSender(null);
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final CountDownLatch never = new CountDownLatch(1);

    DefaultEndpointSenderTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            seen.put("method", exchange.getRequestMethod());
            seen.put("type", String.valueOf(exchange.getRequestHeaders().getFirst("x-amz-sns-message-type")));
            seen.put("agent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
            seen.put("upgrade", String.valueOf(exchange.getRequestHeaders().getFirst("Upgrade")));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "ignored".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/silent", exchange -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        never.countDown();
        sender.close();
        server.stop(0);
    }

    private EndpointRequest post(String path, Duration timeout) {
        SequencedMap<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", "Notification");
        headers.put("User-Agent", "Amazon Simple Notification Service Agent");
        return new EndpointRequest(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                headers,
                "{\"Type\":\"Notification\"}".getBytes(StandardCharsets.UTF_8),
                timeout);
    }

    @Test
    void postsTheBodyAndHeadersOverHttp11AndReportsTheStatus() throws Exception {
        assertThat(sender.send(post("/ok", Duration.ofSeconds(15)))).isEqualTo(201);
        assertThat(seen)
                .containsEntry("method", "POST")
                .containsEntry("type", "Notification")
                .containsEntry("agent", "Amazon Simple Notification Service Agent")
                .containsEntry("upgrade", "null")
                .containsEntry("body", "{\"Type\":\"Notification\"}");
    }

    @Test
    void followsNoRedirect() throws Exception {
        assertThat(sender.send(post("/redirect", Duration.ofSeconds(15)))).isEqualTo(302);
        assertThat(seen).isEmpty();
    }

    @Test
    void anEndpointThatDoesNotAnswerInTimeIsATimeout() {
        assertThatThrownBy(() -> sender.send(post("/silent", Duration.ofMillis(200))))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void anEndpointThatRefusesTheConnectionIsAnIoError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EndpointRequest request = new EndpointRequest(
                URI.create("http://127.0.0.1:" + closedPort + "/"),
                new LinkedHashMap<>(),
                new byte[0],
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> sender.send(request)).isInstanceOf(IOException.class);
    }

    @Test
    void aClosedSenderSendsNothing() {
        sender.close();
        assertThatThrownBy(() -> sender.send(post("/ok", Duration.ofSeconds(1))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRequestCarriesNoCredentialsInItsUri() {
        assertThatThrownBy(() -> new EndpointRequest(
                        URI.create("http://user:secret@example.com/"),
                        new LinkedHashMap<>(),
                        new byte[0],
                        Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

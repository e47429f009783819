package dev.wharf.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * An HTTP(S) endpoint that SNS posts to, on a free loopback port: the JDK's own server. It records every request and
 * answers each path as the test scripts it (200 unless told otherwise), on a virtual thread per request so that a
 * path the test holds up does not hold up another.
 */
final class SnsReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the endpoint received it; header names are lower case. */
    record Request(String method, String path, Map<String, String> headers, String body, long receivedNanos) {

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        /** The {@code x-amz-sns-message-type} header, or "Invoke" for a request without one (a Lambda invocation). */
        String type() {
            String type = header("x-amz-sns-message-type");
            return type.isEmpty() ? "Invoke" : type;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** How a path answers a request. */
    @FunctionalInterface
    interface Script {
        int answer(Request request) throws Exception;
    }

    private final HttpServer server;
    private final String scheme;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> received = new ArrayList<>();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();

    private SnsReceiver(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    static SnsReceiver http() throws IOException {
        return new SnsReceiver(
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
    }

    static SnsReceiver https(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new SnsReceiver(server, "https");
    }

    /** The URL of a path on this endpoint, such as {@code http://127.0.0.1:41234/hook}. */
    String url(String path) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void script(String path, Script script) {
        scripts.put(path, script);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Request request = new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    System.nanoTime());
            synchronized (received) {
                received.add(request);
                received.notifyAll();
            }
            int status;
            try {
                status = scripts.getOrDefault(request.path(), r -> 200).answer(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 503;
            } catch (Exception e) {
                status = 500;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** Every request so far that a predicate picks, in the order they arrived. */
    List<Request> requests(Predicate<Request> picked) {
        synchronized (received) {
            return received.stream().filter(picked).toList();
        }
    }

    /** The requests to a path of one type ({@code Notification}, {@code SubscriptionConfirmation}, …, "Invoke"). */
    List<Request> requests(String path, String type) {
        return requests(r -> r.path().equals(path) && r.type().equals(type));
    }

    /** Waits until {@code count} requests to a path of one type have arrived, and returns them. */
    List<Request> await(String path, String type, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                List<Request> matching = requests(path, type);
                long left = deadline - System.nanoTime();
                if (matching.size() >= count || left <= 0) {
                    if (matching.size() < count) {
                        throw new AssertionError("expected " + count + " " + type + " requests to " + path + " within "
                                + timeout + ", got " + matching.size());
                    }
                    return matching;
                }
                try {
                    received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** The first request to a path of one type, waiting up to 10 s for it. */
    Request first(String path, String type) {
        return await(path, type, 1, Duration.ofSeconds(10)).getFirst();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}

package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.protocol.StreamingBody;
import dev.wharf.protocol.WireResponse;
import dev.wharf.storage.DurabilityMode;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport on real sockets, with real clients: h2c with prior knowledge and TLS with ALPN h2 (Netty's client
 * codec, the JDK's {@code HttpClient}), HTTP/1.1 beside them on the same ports, HTTP/2's limits, and streaming bodies
 * over both protocols, read as they are written.
 */
@Timeout(60)
class HttpTransportTest {

    /** Small bounds, so that the limits are reached quickly: 100 kB requests, a 3 s idle timeout, a 2 s body. */
    private static final WharfConfig.Limits LIMITS = new WharfConfig.Limits(100_000, 16 * 1024, 100, 3, 20, 2, 150_000);

    private static final ExecutorService HANDLERS = Executors.newVirtualThreadPerTaskExecutor();
    private static HttpTransport transport;
    private static int plainPort;
    private static int tlsPort;
    private static SSLContext trustingServer;

    /** What /stream answers with; each test that streams sets it. */
    private static volatile StreamingBody body = sink -> {};
    /** What /slow waits for, and what it counts down once it runs. */
    private static volatile CountDownLatch slowRelease = new CountDownLatch(0);

    private static volatile CountDownLatch slowStarted = new CountDownLatch(0);

    @BeforeAll
    static void start(@TempDir Path tlsDir) throws Exception {
        WharfConfig config = new WharfConfig(
                "127.0.0.1",
                0,
                0,
                null,
                null,
                Path.of("unused"),
                DurabilityMode.MEMORY,
                null,
                "us-east-1",
                List.of(),
                false,
                LIMITS,
                List.of());
        transport = new HttpTransport(config, HttpTransportTest::answer, HANDLERS);
        plainPort = transport.bind(0, null);
        tlsPort = transport.bind(0, TlsCertificates.serverContext(config, tlsDir));
        trustingServer = trusting(tlsDir.resolve("wharf-self-signed.crt"));
    }

    @AfterAll
    static void stop() {
        transport.close();
        HANDLERS.shutdownNow();
    }

    /** An SSL context that trusts exactly the server's generated certificate. */
    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry(
                    "wharf", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static WireResponse answer(ServiceRouter.HttpRequest request) {
        return switch (request.rawPath()) {
            case "/stream" -> WireResponse.streaming(200, "application/octet-stream", Map.of(), body);
            case "/slow" -> {
                slowStarted.countDown();
                try {
                    if (!slowRelease.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("/slow was never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield text("slow " + request.body().length);
            }
            default ->
                text(request.method() + " " + request.rawPath() + " " + request.body().length + " " + request.endpoint()
                        + " " + String.join(",", request.headers().keySet()));
        };
    }

    private static WireResponse text(String text) {
        return new WireResponse(200, "text/plain", Map.of(), ServiceRouter.utf8(text));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Http2Client.Response get(Http2Client client, String path) throws Exception {
        return client.send(Http2Client.headers("GET", path), new byte[0]).get(10, TimeUnit.SECONDS);
    }

    // h2c with prior knowledge

    @Test
    void h2cWithPriorKnowledgeIsServedWithTheServersSettingsAndRequestIds() throws Exception {
        try (Http2Client client = Http2Client.plain(plainPort)) {
            Http2Client.Response echo = get(client, "/echo?a=1");
            Http2Client.Response again = get(client, "/echo");

            assertThat(echo.status()).isEqualTo(200);
            assertThat(echo.body()).startsWith("GET /echo 0 http://localhost ").doesNotContain("x-http2");
            assertThat(echo.body()).contains("host");
            assertThat(echo.header("x-amzn-requestid")).hasSize(36).isNotEqualTo(again.header("x-amzn-requestid"));
            assertThat(echo.header("connection")).isEmpty();
            Http2Settings settings = client.serverSettings.get(5, TimeUnit.SECONDS);
            assertThat(settings.maxConcurrentStreams()).isEqualTo(HttpPipeline.MAX_CONCURRENT_STREAMS);
            // Netty enforces twice the limit; the stream handler the limit itself (aHeaderListOverTheLimitIs431...).
            assertThat(settings.maxHeaderListSize()).isEqualTo(2L * LIMITS.maxHeaderBytes());
        }
    }

    @Test
    void manyStreamsOfOneConnectionRunAtOnceAndASlowOneHoldsNoneBack() throws Exception {
        slowRelease = new CountDownLatch(1);
        try (Http2Client client = Http2Client.plain(plainPort)) {
            CompletableFuture<Http2Client.Response> slow =
                    client.send(Http2Client.headers("GET", "/slow"), new byte[0]);
            List<CompletableFuture<Http2Client.Response>> quick = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                quick.add(client.send(Http2Client.headers("POST", "/echo/" + i), ascii("x".repeat(i))));
            }
            Set<String> requestIds = new HashSet<>();
            for (int i = 0; i < quick.size(); i++) {
                Http2Client.Response response = quick.get(i).get(10, TimeUnit.SECONDS);
                assertThat(response.body()).startsWith("POST /echo/" + i + " " + i + " ");
                requestIds.add(response.header("x-amzn-requestid"));
            }
            assertThat(requestIds).hasSize(60);
            assertThat(slow).isNotDone();

            slowRelease.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow 0");
        }
    }

    @Test
    void aStreamingBodyArrivesAsItIsWrittenWhileOtherStreamsAreServed() throws Exception {
        CountDownLatch clientSawOne = new CountDownLatch(1);
        CountDownLatch otherStreamDone = new CountDownLatch(1);
        body = sink -> {
            sink.write(ascii("one"));
            if (!clientSawOne.await(10, TimeUnit.SECONDS) || !otherStreamDone.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the client never saw the first chunk");
            }
            sink.write(ascii("two"));
        };
        try (Http2Client client = Http2Client.plain(plainPort)) {
            CompletableFuture<Http2Client.Response> stream = client.send(
                            Http2Client.headers("GET", "/stream"),
                            List.of(),
                            true,
                            data -> {
                                if (new String(data, StandardCharsets.US_ASCII).equals("one")) {
                                    clientSawOne.countDown();
                                }
                            },
                            true)
                    .response();
            assertThat(clientSawOne.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(get(client, "/echo").status()).isEqualTo(200);
            assertThat(stream).isNotDone();
            otherStreamDone.countDown();

            Http2Client.Response response = stream.get(10, TimeUnit.SECONDS);
            assertThat(response.ended()).isTrue();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("content-type")).isEqualTo("application/octet-stream");
            assertThat(response.header("transfer-encoding")).isEmpty();
            assertThat(response.header("x-amzn-requestid")).hasSize(36);
            assertThat(response.data().get(0)).isEqualTo(ascii("one"));
            assertThat(response.body()).isEqualTo("onetwo");
        }
    }

    @Test
    void aStreamingBodyThatThrowsResetsItsStreamAndNotTheConnection() throws Exception {
        body = sink -> {
            sink.write(ascii("part"));
            throw new IllegalStateException("broken on purpose");
        };
        try (Http2Client client = Http2Client.plain(plainPort)) {
            Http2Client.Response response = get(client, "/stream");

            assertThat(response.ended()).isFalse();
            assertThat(response.reset()).isEqualTo(Http2Error.INTERNAL_ERROR);
            assertThat(response.body()).isEqualTo("part");
            assertThat(get(client, "/echo").status()).isEqualTo(200);
        }
    }

    @Test
    void aStalledHttp2ReaderHoldsTheBodyBackUntilItGivesUpAndItsStreamIsReset() throws Exception {
        CompletableFuture<Long> accepted = new CompletableFuture<>();
        AtomicLong gaveUpAfterNanos = new AtomicLong();
        body = sink -> {
            long bytes = 0;
            long start = System.nanoTime();
            byte[] chunk = new byte[16 * 1024];
            while (sink.write(chunk)) {
                bytes += chunk.length;
            }
            gaveUpAfterNanos.set(System.nanoTime() - start);
            accepted.complete(bytes);
        };
        try (Http2Client client = Http2Client.plain(plainPort)) {
            Http2Client.Call stalled =
                    client.send(Http2Client.headers("GET", "/stream"), List.of(), true, data -> {}, false);

            long bytes = accepted.get(20, TimeUnit.SECONDS);
            // The stream's 64 KiB window, then at most the 64 KiB high-water mark of unwritten chunks.
            assertThat(bytes).isBetween(64L * 1024, 160L * 1024);
            assertThat(Duration.ofNanos(gaveUpAfterNanos.get())).isGreaterThan(Duration.ofMillis(2_500));

            stalled.read();
            Http2Client.Response response = stalled.response().get(10, TimeUnit.SECONDS);
            assertThat(response.reset()).isEqualTo(Http2Error.INTERNAL_ERROR);
            assertThat(get(client, "/echo").status()).isEqualTo(200);
        }
    }

    @Test
    void aHeaderListOverTheLimitIs431AndTheConnectionGoesOn() throws Exception {
        try (Http2Client client = Http2Client.plain(plainPort)) {
            Http2Headers big = Http2Client.headers("GET", "/echo").add("x-big", "b".repeat(LIMITS.maxHeaderBytes()));

            Http2Client.Response response = client.send(big, new byte[0]).get(10, TimeUnit.SECONDS);

            assertThat(response.status()).isEqualTo(431);
            assertThat(get(client, "/echo").status()).isEqualTo(200);
            // A whole response and no reset after it (the next stream's answer comes after any): Netty's own 431 is
            // followed by RST_STREAM PROTOCOL_ERROR, which the JDK's client sometimes read first and failed on.
            assertThat(client.resetsReceived).isEmpty();
        }
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413InTheRequestsProtocolShape() throws Exception {
        try (Http2Client client = Http2Client.plain(plainPort)) {
            Http2Headers head = Http2Client.headers("POST", "/")
                    .add("x-amz-target", "AmazonSQS.SendMessage")
                    .add("content-type", "application/x-amz-json-1.0")
                    .addInt("content-length", LIMITS.maxRequestBytes() + 1);

            Http2Client.Response response = client.send(head, List.of(), false, data -> {}, true)
                    .response()
                    .get(10, TimeUnit.SECONDS);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).contains("\"__type\":\"RequestEntityTooLarge\"");
            assertThat(response.header("x-amzn-requestid")).hasSize(36);
            assertThat(get(client, "/echo").status()).isEqualTo(200);
        }
    }

    @Test
    void anUndeclaredBodyOverTheLimitIs413() throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        for (int sent = 0; sent <= LIMITS.maxRequestBytes(); sent += 10_000) {
            chunks.add(new byte[10_000]);
        }
        try (Http2Client client = Http2Client.plain(plainPort)) {
            Http2Client.Response response = client.send(
                            Http2Client.headers("POST", "/"), chunks, true, data -> {}, true)
                    .response()
                    .get(10, TimeUnit.SECONDS);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).contains("<Code>RequestEntityTooLarge</Code>");
        }
    }

    @Test
    void aStreamWhoseBodyDoesNotArriveInTimeIs408() throws Exception {
        try (Http2Client client = Http2Client.plain(plainPort)) {
            Http2Headers head = Http2Client.headers("POST", "/").addInt("content-length", 10);

            Http2Client.Response response = client.send(head, List.of(ascii("12345")), false, data -> {}, true)
                    .response()
                    .get(10, TimeUnit.SECONDS);

            assertThat(response.status()).isEqualTo(408);
            assertThat(response.body())
                    .contains("RequestTimeout")
                    .contains("did not arrive within " + LIMITS.requestBodyTimeoutSeconds() + " seconds");
        }
    }

    @Test
    void theRequestBytesOfAllStreamsShareThePendingBudget() throws Exception {
        slowRelease = new CountDownLatch(1);
        slowStarted = new CountDownLatch(1);
        try (Http2Client client = Http2Client.plain(plainPort)) {
            CompletableFuture<Http2Client.Response> holding =
                    client.send(Http2Client.headers("POST", "/slow"), new byte[95_000]);
            assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

            Http2Client.Response refused = client.send(
                            Http2Client.headers("POST", "/echo").addInt("content-length", 80_000),
                            List.of(),
                            false,
                            data -> {},
                            true)
                    .response()
                    .get(10, TimeUnit.SECONDS);
            assertThat(refused.status()).isEqualTo(503);

            slowRelease.countDown();
            assertThat(holding.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow 95000");
            Http2Client.Response admitted = client.send(Http2Client.headers("POST", "/echo"), new byte[80_000])
                    .get(10, TimeUnit.SECONDS);
            assertThat(admitted.body()).startsWith("POST /echo 80000 ");
        }
    }

    // HTTP/1.1 beside HTTP/2

    @Test
    void http1IsStillServedOnThePlainPort() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + plainPort + "/echo"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).startsWith("GET /echo 0 http://localhost:" + plainPort + " ");
    }

    @Test
    void aStreamingBodyArrivesAsItIsWrittenOverHttp1() throws Exception {
        CountDownLatch clientSawOne = new CountDownLatch(1);
        body = sink -> {
            sink.write(ascii("one\n"));
            if (!clientSawOne.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the client never saw the first chunk");
            }
            sink.write(ascii("two\n"));
        };
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + plainPort + "/stream"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.US_ASCII))) {
            assertThat(lines.readLine()).isEqualTo("one");
            clientSawOne.countDown();
            assertThat(lines.readLine()).isEqualTo("two");
            assertThat(lines.readLine()).isNull();
        }
        HttpResponse<String> next = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + plainPort + "/echo"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void aStalledHttp1ReaderHoldsTheBodyBackUntilItGivesUpAndTheConnectionCloses() throws Exception {
        CompletableFuture<Long> accepted = new CompletableFuture<>();
        body = sink -> {
            long bytes = 0;
            byte[] chunk = new byte[64 * 1024];
            while (sink.write(chunk)) {
                bytes += chunk.length;
            }
            accepted.complete(bytes);
        };
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", plainPort), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(ascii("GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n"));

            long bytes = accepted.get(30, TimeUnit.SECONDS);
            // What the two sockets' buffers hold, and no more: far less than the body would have written.
            assertThat(bytes).isLessThan(32L * 1024 * 1024);

            ByteArrayOutputStream read = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(read);
            } catch (IOException e) {
                // A reset: the server closed with bytes unread, which is how a cut response may end.
            }
            assertThat(read.toString(StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 200 OK")
                    .doesNotEndWith("0\r\n\r\n");
        }
    }

    // TLS with ALPN

    @Test
    void alpnChoosesH2OnTheTlsPort() throws Exception {
        try (Http2Client client = Http2Client.tls(tlsPort)) {
            assertThat(client.negotiatedProtocol()).isEqualTo("h2");

            Http2Client.Response response = get(client, "/echo");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).startsWith("GET /echo 0 https://localhost ");
        }
    }

    @Test
    void theJdkClientNegotiatesHttp2OverTlsAndHttp1WhenItAsksForIt() throws Exception {
        URI uri = URI.create("https://localhost:" + tlsPort + "/echo");
        HttpClient h2 = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(trustingServer)
                .build();
        HttpClient h1 = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(trustingServer)
                .build();

        HttpResponse<String> overH2 =
                h2.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> overH1 =
                h1.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(overH2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(overH2.body()).startsWith("GET /echo 0 https://localhost:" + tlsPort + " ");
        assertThat(overH1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(overH1.statusCode()).isEqualTo(200);
    }

    @Test
    void aTlsClientThatOffersNoAlpnIsServedHttp1() throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingServer.getSocketFactory().createSocket("localhost", tlsPort)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            assertThat(socket.getApplicationProtocol()).isEmpty();
            OutputStream out = socket.getOutputStream();
            out.write(ascii("GET /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            out.flush();

            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(response).startsWith("HTTP/1.1 200 OK").contains("GET /echo 0 https://localhost ");
        }
    }
}

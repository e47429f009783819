package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.protocol.StreamingBlob;
import dev.wharf.protocol.WireResponse;
import dev.wharf.storage.DurabilityMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies that stream to the application (PUT and POST signed for s3) on real sockets, over HTTP/1.1 and HTTP/2:
 * bodies far larger than the pending-byte budget arrive whole and in order, early answers, a client that goes away,
 * HEAD and responses framed by their Content-Length.
 */
@Timeout(120)
class StreamedRequestTest {

    /**
     * A pending-byte budget of 1.5 MB, which bodies of 32 MiB must pass through without ever being held whole: it holds
     * what two streamed bodies reserve for their windows at once ({@link BodyPipe#reservation}), and not three.
     */
    private static final WharfConfig.Limits LIMITS =
            new WharfConfig.Limits(100_000, 16 * 1024, 100, 30, 20, 5, 1_500_000);

    private static final String S3_AUTHORIZATION =
            "AWS4-HMAC-SHA256 Credential=AKID/20261202/us-east-1/s3/aws4_request,"
                    + " SignedHeaders=host, Signature=0000";
    private static final ExecutorService HANDLERS = Executors.newVirtualThreadPerTaskExecutor();
    private static final LinkedBlockingQueue<String> BODY_FAILURES = new LinkedBlockingQueue<>();
    private static HttpTransport transport;
    private static int plainPort;
    private static int tlsPort;
    private static SSLContext trusting;

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
        transport = new HttpTransport(config, StreamedRequestTest::answer, HANDLERS);
        plainPort = transport.bind(0, null);
        tlsPort = transport.bind(0, TlsCertificates.serverContext(config, tlsDir));
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(tlsDir.resolve("wharf-self-signed.crt"))) {
            store.setCertificateEntry(
                    "wharf", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trust.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() {
        transport.close();
        HANDLERS.shutdownNow();
    }

    /** Answers the SHA-256 and length of a streamed body it reads whole, or what a path asks for. */
    private static WireResponse answer(ServiceRouter.HttpRequest request) {
        StreamingBlob body = request.bodyStream();
        if (request.rawPath().equals("/early")) {
            return text("early " + (body != null));
        }
        if (request.rawPath().equals("/object")) {
            if (request.method().equals("HEAD")) {
                return new WireResponse(200, "binary/octet-stream", Map.of("Content-Length", "100000"), new byte[0]);
            }
            return WireResponse.streaming(200, "binary/octet-stream", Map.of("Content-Length", "100000"), sink -> {
                for (int i = 0; i < 10; i++) {
                    sink.write(new byte[10_000]);
                }
            });
        }
        if (body == null) {
            return text(request.method() + " whole " + request.body().length);
        }
        try (InputStream in = body.stream()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            long length = 0;
            if (request.rawPath().equals("/bucket/held")) {
                // One byte, which lets a client that waits for 100 Continue send the body; then nothing until the pipe
                // holds a whole window (or a while has passed, when it never will).
                int n = in.read(buffer, 0, 1);
                if (n > 0) {
                    sha.update(buffer, 0, n);
                    length += n;
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (in.available() < BodyPipe.WINDOW_BYTES && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                length += n;
            }
            return text(request.method() + " streamed " + length + " "
                    + HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            BODY_FAILURES.add(String.valueOf(e.getMessage()));
            return text("failed");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WireResponse text(String text) {
        return new WireResponse(200, "text/plain", Map.of(), ServiceRouter.utf8(text));
    }

    /** Deterministic bytes, made as they are read. */
    static InputStream generated(long length) {
        return new InputStream() {
            long position;

            @Override
            public int read() {
                return position < length ? (int) (position++ * 31 % 251) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) (position++ * 31 % 251);
                }
                return n;
            }
        };
    }

    static String sha256(long length) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = generated(length)) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static HttpRequest put(URI uri, long length, boolean known) {
        HttpRequest.BodyPublisher body = known
                ? HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> generated(length)), length)
                : HttpRequest.BodyPublishers.ofInputStream(() -> generated(length));
        return HttpRequest.newBuilder(uri)
                .header("Authorization", S3_AUTHORIZATION)
                .PUT(body)
                .build();
    }

    @Test
    void aBodyFarLargerThanTheBudgetStreamsWholeOverHttp1WithAndWithoutALength() throws Exception {
        long length = 32L * 1024 * 1024 + 7;
        String expected = "PUT streamed " + length + " " + sha256(length);
        HttpClient http1 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + plainPort + "/bucket/key");
        assertThat(http1.send(put(uri, length, true), HttpResponse.BodyHandlers.ofString())
                        .body())
                .isEqualTo(expected);
        assertThat(http1.send(put(uri, length, false), HttpResponse.BodyHandlers.ofString())
                        .body())
                .as("chunked")
                .isEqualTo(expected);
    }

    @Test
    void concurrentBodiesStreamOverHttp2() throws Exception {
        long length = 16L * 1024 * 1024 + 3;
        String expected = "PUT streamed " + length + " " + sha256(length);
        HttpClient h2 = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(trusting)
                .build();
        URI uri = URI.create("https://localhost:" + tlsPort + "/bucket/key");
        CompletableFuture<HttpResponse<String>> one =
                h2.sendAsync(put(uri, length, true), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> two =
                h2.sendAsync(put(uri, length, false), HttpResponse.BodyHandlers.ofString());
        assertThat(one.get(60, TimeUnit.SECONDS).body()).isEqualTo(expected);
        assertThat(one.get().version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(two.get(60, TimeUnit.SECONDS).body()).isEqualTo(expected);
    }

    @Test
    void aStreamedBodyTheBudgetCannotHoldBesideTheOthersIsRefusedAtItsHeadNotFailedMidway() throws Exception {
        BODY_FAILURES.clear();
        long length = 4L * 1024 * 1024;
        String expected = "PUT streamed " + length + " " + sha256(length);
        HttpClient h2 = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(trusting)
                .build();
        URI uri = URI.create("https://localhost:" + tlsPort + "/bucket/held");
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // Each body waits in its pipe until the pipe is full, so the three would need three windows at once.
            sent.add(h2.sendAsync(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", S3_AUTHORIZATION)
                            .expectContinue(true)
                            .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(() -> generated(length)), length))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<String> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            HttpResponse<String> answered = response.get(60, TimeUnit.SECONDS);
            answers.add(answered.statusCode() + " "
                    + (answered.statusCode() == 200
                            ? answered.body()
                            : answered.body().contains("ServiceUnavailable")));
        }
        assertThat(answers).containsExactlyInAnyOrder("200 " + expected, "200 " + expected, "503 true");
        assertThat(BODY_FAILURES).as("no body failed midway").isEmpty();
    }

    @Test
    void anAnswerBeforeTheBodyComesBeforeTheBodyIsSentWhenTheClientWaitsForContinue() throws Exception {
        HttpClient http1 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest early = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/early"))
                .header("Authorization", S3_AUTHORIZATION)
                .expectContinue(true)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> generated(4_000_000)), 4_000_000))
                .build();
        HttpResponse<String> answered = http1.send(early, HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).isEqualTo("early true");
        // The connection closed, since its body never came; the next request goes on another and works.
        URI uri = URI.create("http://127.0.0.1:" + plainPort + "/bucket/key");
        assertThat(http1.send(put(uri, 10, true), HttpResponse.BodyHandlers.ofString())
                        .body())
                .isEqualTo("PUT streamed 10 " + sha256(10));
    }

    @Test
    void aClientThatLeavesMidBodyFailsTheApplicationsRead() throws Exception {
        BODY_FAILURES.clear();
        try (Socket socket = new Socket("127.0.0.1", plainPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /bucket/key HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + S3_AUTHORIZATION
                            + "\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[5000]);
            out.flush();
            Thread.sleep(200);
        }
        assertThat(BODY_FAILURES.poll(10, TimeUnit.SECONDS))
                .as("the application's read failed")
                .isNotNull();
    }

    @Test
    void headKeepsItsContentLengthAndAStreamedResponseIsFramedByIts() throws Exception {
        String head = exchange("HEAD /object HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + S3_AUTHORIZATION
                + "\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: 100000");
        assertThat(head.substring(head.indexOf("\r\n\r\n") + 4)).isEmpty();
        HttpResponse<byte[]> get = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/object"))
                                .header("Authorization", S3_AUTHORIZATION)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.body()).hasSize(100_000);
        assertThat(get.headers().firstValue("content-length")).hasValue("100000");
        assertThat(get.headers().firstValue("transfer-encoding")).isEmpty();
    }

    @Test
    void methodsOfS3ReachTheApplicationAndRpcRequestsStillOnlyPost() throws Exception {
        assertThat(exchange("DELETE /bucket/key HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + S3_AUTHORIZATION
                        + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200")
                .endsWith("DELETE whole 0");
        assertThat(exchange("DELETE / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: DynamoDB_20120810.ListTables"
                        + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405");
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", plainPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(bytes);
            return bytes.toString(StandardCharsets.US_ASCII);
        }
    }
}

package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** HTTP/1.1 as RFC 9110 and 9112 have it, on real sockets with exact bytes: order, framing, methods, deadlines, memory. */
@WharfTest
class HttpConformanceIT {

    private static WharfServer start(WharfConfig.Limits limits) throws Exception {
        return LocalWharf.inMemory(limits);
    }

    private static URI endpoint(WharfServer server) {
        return URI.create(server.endpoint());
    }

    /** Reads until the server closes the connection, and says whether it closed it cleanly, without a reset. */
    private static boolean closesCleanly(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
            // what the server still sends after the answer, if anything
        }
        return true;
    }

    private static void assertQueueDoesNotExist(SqsClient sqs, String name) {
        assertThat(catchThrowableOfType(
                        QueueDoesNotExistException.class, () -> sqs.getQueueUrl(b -> b.queueName(name))))
                .as(name)
                .isNotNull();
    }

    @Test
    void aLongPollPipelinedBeforeListQueuesIsAnsweredFirst(WharfHandle wharf) throws Exception {
        String url;
        try (SqsClient sqs = wharf.sqs()) {
            url = sqs.createQueue(b -> b.queueName("pipelined")).queueUrl();
        }
        URI endpoint = wharf.endpoint();
        try (Socket socket = RawHttp.connect(endpoint)) {
            RawHttp.write(
                    socket,
                    RawHttp.signedJson(
                                    endpoint, "ReceiveMessage", "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":2}")
                            + RawHttp.signedJson(endpoint, "ListQueues", "{}"));
            RawHttp.Response first = RawHttp.read(socket.getInputStream());
            RawHttp.Response second = RawHttp.read(socket.getInputStream());

            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.body()).doesNotContain("QueueUrls");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).contains("\"QueueUrls\"").contains("pipelined");
            assertThat(first.headers().get("x-amzn-requestid"))
                    .isNotEqualTo(second.headers().get("x-amzn-requestid"));
        }
    }

    @Test
    void anUnsupportedExpectationIs417WithABodyAndTheConnectionClosesCleanly(WharfHandle wharf) throws Exception {
        URI endpoint = wharf.endpoint();
        String smuggled = RawHttp.signedJson(endpoint, "CreateQueue", "{\"QueueName\":\"smuggled-expect\"}");
        try (Socket socket = RawHttp.connect(endpoint)) {
            RawHttp.write(
                    socket,
                    RawHttp.signedJson(endpoint, "ListQueues", "{}", "Expect: 200-ok")
                            .replace(
                                    "Content-Length: 2\r\n\r\n{}",
                                    "Content-Length: " + smuggled.length() + "\r\n\r\n" + smuggled));
            RawHttp.Response answer = RawHttp.read(socket.getInputStream());

            assertThat(answer.status()).isEqualTo(417);
            assertThat(answer.body()).contains("\"__type\":\"ExpectationFailed\"");
            assertThat(answer.headers()).containsEntry("connection", "close").containsKey("x-amzn-requestid");
            assertThat(closesCleanly(socket)).isTrue();
        }
        try (SqsClient sqs = wharf.sqs()) {
            assertQueueDoesNotExist(sqs, "smuggled-expect");
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent(WharfHandle wharf) throws Exception {
        URI endpoint = wharf.endpoint();
        String request = RawHttp.signedJson(endpoint, "ListQueues", "{}", "Expect: 100-continue");
        int bodyStart = request.indexOf("\r\n\r\n") + 4;
        try (Socket socket = RawHttp.connect(endpoint)) {
            RawHttp.write(socket, request.substring(0, bodyStart));
            assertThat(RawHttp.read(socket.getInputStream()).statusLine()).isEqualTo("HTTP/1.1 100 Continue");
            RawHttp.write(socket, request.substring(bodyStart));
            RawHttp.Response answer = RawHttp.read(socket.getInputStream());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);

            RawHttp.write(socket, RawHttp.signedJson(endpoint, "ListQueues", "{}"));
            assertThat(RawHttp.read(socket.getInputStream()).status())
                    .as("the connection is kept")
                    .isEqualTo(200);
        }
    }

    @Test
    void methodsOtherThanGetAndPostRunNothing(WharfHandle wharf) throws Exception {
        URI endpoint = wharf.endpoint();
        String create = " /?Action=CreateQueue&QueueName=by-method&Version=2012-11-05 HTTP/1.1\r\nHost: h\r\n\r\n";
        record Case(String method, int status) {}
        for (Case c : List.of(
                new Case("HEAD", 405),
                new Case("TRACE", 405),
                new Case("PUT", 405),
                new Case("FOO", 405),
                new Case("post", 405))) {
            try (Socket socket = RawHttp.connect(endpoint)) {
                RawHttp.write(socket, c.method() + create);
                RawHttp.Response answer =
                        RawHttp.read(socket.getInputStream(), c.method().equals("HEAD"));
                assertThat(answer.status()).as(c.method()).isEqualTo(c.status());
                assertThat(answer.headers()).containsEntry("allow", "GET, POST").containsKey("x-amzn-requestid");
                if (c.method().equals("HEAD")) {
                    assertThat(answer.body()).isEmpty();
                } else {
                    assertThat(answer.body()).contains("<ErrorResponse");
                }
            }
        }
        try (SqsClient sqs = wharf.sqs()) {
            assertQueueDoesNotExist(sqs, "by-method");
        }
    }

    @Test
    void aMissingOrRepeatedHostIs400AndClosesTheConnection(WharfHandle wharf) throws Exception {
        for (String request : List.of(
                "GET /?Action=ListQueues HTTP/1.1\r\n\r\n",
                "GET /?Action=ListQueues HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")) {
            try (Socket socket = RawHttp.connect(wharf.endpoint())) {
                RawHttp.write(socket, request);
                RawHttp.Response answer = RawHttp.read(socket.getInputStream());
                assertThat(answer.status()).isEqualTo(400);
                assertThat(answer.body()).contains("<Code>BadRequest</Code>");
                assertThat(closesCleanly(socket)).isTrue();
            }
        }
    }

    @Test
    void transferEncodingWithContentLengthIs400AndWhatItSmugglesNeverRuns(WharfHandle wharf) throws Exception {
        URI endpoint = wharf.endpoint();
        String smuggled = RawHttp.signedJson(endpoint, "CreateQueue", "{\"QueueName\":\"smuggled-te\"}");
        String body = "0\r\n\r\n" + smuggled;
        try (Socket socket = RawHttp.connect(endpoint)) {
            RawHttp.write(
                    socket,
                    "POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-amz-json-1.0\r\n"
                            + "X-Amz-Target: AmazonSQS.ListQueues\r\nTransfer-Encoding: chunked\r\nContent-Length: "
                            + body.length() + "\r\n\r\n" + body);
            RawHttp.Response answer = RawHttp.read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("\"__type\":\"BadRequest\"");
            assertThat(closesCleanly(socket)).isTrue();
        }
        try (SqsClient sqs = wharf.sqs()) {
            assertQueueDoesNotExist(sqs, "smuggled-te");
        }
    }

    @Test
    void headerLinesTrickledInAreCutOffAtTheHeaderDeadline() throws Exception {
        WharfConfig.Limits defaults = WharfConfig.Limits.defaults();
        try (WharfServer server = start(new WharfConfig.Limits(
                        defaults.maxRequestBytes(),
                        defaults.maxHeaderBytes(),
                        defaults.maxConnections(),
                        defaults.idleTimeoutSeconds(),
                        1,
                        defaults.requestBodyTimeoutSeconds(),
                        defaults.maxPendingRequestBytes()));
                Socket socket = RawHttp.connect(endpoint(server))) {
            long start = System.nanoTime();
            RawHttp.write(socket, "POST / HTTP/1.1\r\n");
            RawHttp.Response answer = null;
            for (int line = 0; line < 20 && answer == null; line++) {
                Thread.sleep(200);
                RawHttp.write(socket, "X-Slow-" + line + ": 1\r\n");
                if (socket.getInputStream().available() > 0) {
                    answer = RawHttp.read(socket.getInputStream());
                }
            }
            if (answer == null) {
                answer = RawHttp.read(socket.getInputStream());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.headers()).containsEntry("connection", "close");
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
            assertThat(closesCleanly(socket)).isTrue();
        }
    }

    @Test
    void partialBodiesOverThePendingBudgetAre503AndTheirBytesComeBackWhenTheyVanish() throws Exception {
        WharfConfig.Limits defaults = WharfConfig.Limits.defaults();
        int maxRequest = 1024 * 1024;
        try (WharfServer server = start(new WharfConfig.Limits(
                maxRequest,
                defaults.maxHeaderBytes(),
                defaults.maxConnections(),
                defaults.idleTimeoutSeconds(),
                defaults.requestHeaderTimeoutSeconds(),
                defaults.requestBodyTimeoutSeconds(),
                2L * maxRequest))) {
            URI endpoint = endpoint(server);
            int declared = 900 * 1024;
            String head = "POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n";
            List<Socket> partial = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Socket socket = RawHttp.connect(endpoint);
                RawHttp.write(socket, head + "A".repeat(800 * 1024));
                partial.add(socket);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Socket over = RawHttp.connect(endpoint)) {
                    RawHttp.write(over, head);
                    RawHttp.Response answer = RawHttp.read(over.getInputStream());
                    assertThat(answer.status()).isEqualTo(503);
                    assertThat(answer.body()).contains("<Code>ServiceUnavailable</Code>");
                    assertThat(answer.headers()).containsEntry("connection", "close");
                }
            });
            for (Socket socket : partial) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Socket whole = RawHttp.connect(endpoint)) {
                    String form = "Action=ListQueues&Padding=";
                    RawHttp.write(whole, head + form + "A".repeat(declared - form.length()));
                    RawHttp.Response answer = RawHttp.read(whole.getInputStream());
                    assertThat(answer.status())
                            .as("admitted, then refused as unsigned")
                            .isEqualTo(403);
                }
            });
        }
    }
}

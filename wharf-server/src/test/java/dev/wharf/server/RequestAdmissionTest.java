package dev.wharf.server;

import static dev.wharf.server.Http1Connection.get;
import static dev.wharf.server.Http1Connection.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Heads that HTTP/1.1 or the AWS protocols do not accept are answered by the transport, and run nothing. */
class RequestAdmissionTest {

    private final PendingBytes pendingBytes =
            new PendingBytes(Http1Connection.limits().maxPendingRequestBytes());

    private Http1Connection connection() {
        return new Http1Connection(Http1Connection.limits(), pendingBytes);
    }

    @Test
    void headIsRefusedWithoutABodyAndRunsNothing() {
        Http1Connection connection = connection();
        connection.send("HEAD /?Action=CreateQueue&QueueName=q HTTP/1.1\r\nHost: localhost\r\n\r\n" + get("/next"));

        assertThat(connection.ran).isEmpty();
        assertThat(connection.operations).hasSize(1);
        String written = connection.written();
        assertThat(written).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("Allow: GET, POST\r\n");
        assertThat(written).contains("x-amzn-RequestId: ").doesNotContain("<ErrorResponse");
        connection.runAll();
        assertThat(connection.ran)
                .extracting(ServiceRouter.HttpRequest::rawPath)
                .containsExactly("/next");
    }

    @Test
    void methodsOtherThanGetAndPostAreRefusedAndMethodsAreCaseSensitive() {
        for (String method : new String[] {"PUT", "DELETE", "TRACE", "OPTIONS", "PATCH"}) {
            Http1Connection connection = connection();
            connection.send(method + " / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(connection.written())
                    .as(method)
                    .startsWith("HTTP/1.1 405 ")
                    .contains("<Code>MethodNotAllowed</Code>")
                    .contains("Allow: GET, POST");
            assertThat(connection.channel.isActive()).isTrue();
        }
        for (String method : new String[] {"FOO", "post", "Get"}) {
            Http1Connection connection = connection();
            connection.send(post("/", "Action=ListQueues").replaceFirst("POST", method));
            assertThat(connection.written())
                    .as(method)
                    .startsWith("HTTP/1.1 405 ")
                    .contains("<Code>MethodNotAllowed</Code>")
                    .contains("The method " + method + " is not allowed here; use GET or POST.");
            assertThat(connection.closedAfterLinger())
                    .as("a refused request with a body closes")
                    .isTrue();
            assertThat(connection.ran).isEmpty();
        }
    }

    @Test
    void internalResourcesTakeDeleteAsWellAndNothingElseNew() {
        Http1Connection connection = connection();
        connection.send("DELETE /_aws/sns/sms-messages?phoneNumber=%2B1555 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        connection.runAll();
        assertThat(connection.ran).extracting(ServiceRouter.HttpRequest::method).containsExactly("DELETE");

        Http1Connection refused = connection();
        refused.send("PUT /_aws/sns/sms-messages HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(refused.written()).startsWith("HTTP/1.1 405 ").contains("Allow: GET, POST, DELETE");
        assertThat(refused.ran).isEmpty();
    }

    @Test
    void jsonProtocolsArePostOnlyAndAnswerInJson() {
        Http1Connection connection = connection();
        connection.send(
                get("/", "X-Amz-Target: AmazonSQS.ListQueues\r\n", "Content-Type: application/x-amz-json-1.0\r\n"));

        String written = connection.written();
        assertThat(written)
                .startsWith("HTTP/1.1 405 ")
                .contains("Allow: POST\r\n")
                .contains("content-type: application/x-amz-json-1.0\r\n")
                .contains("\"__type\":\"MethodNotAllowed\"");
        assertThat(connection.ran).isEmpty();
    }

    @Test
    void queryTakesGetAndPost() {
        Http1Connection connection = connection();
        connection.send(get("/?Action=ListQueues") + post("/", "Action=ListQueues"));
        connection.runAll();

        assertThat(connection.ran).extracting(ServiceRouter.HttpRequest::method).containsExactly("GET", "POST");
    }

    @Test
    void healthIsGetOnly() {
        Http1Connection connection = connection();
        connection.send(post(WharfServer.HEALTH_PATH, "") + get(WharfServer.HEALTH_PATH));
        connection.runAll();

        assertThat(connection.statusLines()).containsExactly("HTTP/1.1 405 Method Not Allowed", "HTTP/1.1 200 OK");
        assertThat(connection.written()).contains("Allow: GET\r\n");
        assertThat(connection.ran).extracting(ServiceRouter.HttpRequest::method).containsExactly("GET");
    }

    @Test
    void missingOrRepeatedHostIs400AndClosesTheConnection() {
        String missing = "GET /?Action=ListQueues HTTP/1.1\r\n\r\n";
        String repeated = "GET /?Action=ListQueues HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n";
        for (String request : new String[] {missing, repeated}) {
            Http1Connection connection = connection();
            connection.send(request + get("/after"));
            assertThat(connection.written())
                    .startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("<Code>BadRequest</Code>")
                    .contains("connection: close");
            assertThat(connection.closedAfterLinger()).isTrue();
            assertThat(connection.ran).isEmpty();
        }
        Http1Connection http10 = connection();
        http10.send("GET /?Action=ListQueues HTTP/1.0\r\n\r\n").runAll();
        assertThat(http10.ran).as("HTTP/1.0 needs no Host").hasSize(1);
    }

    @Test
    void transferEncodingWithContentLengthIs400AndTheSmuggledRequestNeverRuns() {
        Http1Connection connection = connection();
        String smuggled = post("/smuggled", "");
        connection.send("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: AmazonSQS.ListQueues\r\nContent-Length: " + (5 + smuggled.length())
                + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
        connection.runAll();

        assertThat(connection.written())
                .startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("\"__type\":\"BadRequest\"")
                .contains("both Transfer-Encoding and Content-Length")
                .contains("connection: close");
        assertThat(connection.closedAfterLinger()).isTrue();
        assertThat(connection.ran).isEmpty();
    }

    @Test
    void transferCodingsOtherThanChunkedAreRefusedAndClose() {
        Http1Connection notFinal = connection();
        notFinal.send("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n");
        assertThat(notFinal.written()).startsWith("HTTP/1.1 400 ");
        assertThat(notFinal.closedAfterLinger()).isTrue();

        Http1Connection unknown = connection();
        unknown.send("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
        assertThat(unknown.written()).startsWith("HTTP/1.1 400 ").contains("gzip,chunked is not supported");
        assertThat(unknown.closedAfterLinger()).isTrue();
        assertThat(notFinal.ran).isEmpty();
        assertThat(unknown.ran).isEmpty();
    }

    @Test
    void unsupportedExpectationIs417WithABodyAndItsBodyNeverRunsAsARequest() {
        Http1Connection connection = connection();
        String smuggled = post("/smuggled", "");
        connection.send(post("/", smuggled, "Expect: something-else\r\n"));
        connection.runAll();

        assertThat(connection.written())
                .startsWith("HTTP/1.1 417 Expectation Failed\r\n")
                .contains("<Code>ExpectationFailed</Code>")
                .contains("connection: close");
        assertThat(connection.closedAfterLinger()).isTrue();
        assertThat(connection.ran).isEmpty();
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSentAndTheRequestRuns() {
        Http1Connection connection = connection();
        String request = post("/", "Action=ListQueues", "Expect: 100-continue\r\n");
        int bodyStart = request.indexOf("\r\n\r\n") + 4;
        connection.send(request.substring(0, bodyStart));
        assertThat(connection.written()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");

        connection.send(request.substring(bodyStart)).runAll();

        assertThat(connection.statusLines()).containsExactly("HTTP/1.1 200 OK");
        assertThat(connection.ran.get(0).header("expect"))
                .as("still there for the signature")
                .isEqualTo("100-continue");
    }

    @Test
    void declaredLengthOverTheLimitIs413BeforeTheBodyIsRead() {
        Http1Connection connection = connection();
        connection.send("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: "
                + (Http1Connection.limits().maxRequestBytes() + 1) + "\r\n\r\n");

        assertThat(connection.written())
                .startsWith("HTTP/1.1 413 ")
                .doesNotContain("100 Continue")
                .contains("<Code>RequestEntityTooLarge</Code>");
        assertThat(connection.closedAfterLinger()).isTrue();
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        Http1Connection connection = connection();
        connection.send("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "x".repeat(64 * 1024);
        for (int sent = 0; sent <= Http1Connection.limits().maxRequestBytes() && connection.channel.isActive(); ) {
            connection.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            sent += chunk.length();
        }

        assertThat(connection.written()).startsWith("HTTP/1.1 413 ");
        assertThat(connection.closedAfterLinger()).isTrue();
        assertThat(connection.ran).isEmpty();
        assertThat(pendingBytes.held()).isZero();
    }

    @Test
    void transportErrorsTakeTheRequestsProtocolShape() {
        java.util.concurrent.Executor stopped = task -> {
            throw new RejectedExecutionException("stopped");
        };
        Http1Connection json10 = new Http1Connection(Http1Connection.limits(), pendingBytes, stopped);
        json10.send(post(
                "/", "{}", "X-Amz-Target: AmazonSQS.ListQueues\r\n", "Content-Type: application/x-amz-json-1.0\r\n"));
        assertThat(json10.written())
                .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .contains("content-type: application/x-amz-json-1.0\r\n")
                .contains("{\"__type\":\"ServiceUnavailable\",\"message\":\"Shutting down.\"}")
                .contains("x-amzn-RequestId: ");

        Http1Connection json11 = new Http1Connection(Http1Connection.limits(), pendingBytes, stopped);
        json11.send(post(
                "/",
                "{}",
                "X-Amz-Target: Kinesis_20131202.ListStreams\r\n",
                "Content-Type: application/x-amz-json-1.1\r\n"));
        assertThat(json11.written())
                .contains("content-type: application/x-amz-json-1.1\r\n")
                .contains("\"__type\":\"ServiceUnavailable\"");

        Http1Connection query = new Http1Connection(Http1Connection.limits(), pendingBytes, stopped);
        query.send(post("/", "Action=ListQueues", "Content-Type: application/x-www-form-urlencoded\r\n"));
        String written = query.written();
        String requestId = written.replaceAll("(?s).*x-amzn-RequestId: ([^\r]*).*", "$1");
        assertThat(written)
                .contains("content-type: text/xml\r\n")
                .contains("<Code>ServiceUnavailable</Code>")
                .contains("<RequestId>" + requestId + "</RequestId>");
    }
}

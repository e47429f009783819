package dev.wharf.server;

import static dev.wharf.server.Http1Connection.get;
import static dev.wharf.server.Http1Connection.post;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A request's head and body must arrive within their deadlines, which run only while the connection is reading. */
class RequestDeadlineTest {

    private static final WharfConfig.Limits LIMITS = Http1Connection.limits();
    private static final int HEADER_SECONDS = LIMITS.requestHeaderTimeoutSeconds();
    private static final int BODY_SECONDS = LIMITS.requestBodyTimeoutSeconds();

    private final PendingBytes pendingBytes = new PendingBytes(LIMITS.maxPendingRequestBytes());

    private Http1Connection connection() {
        return new Http1Connection(LIMITS, pendingBytes);
    }

    @Test
    void headerLinesTrickledInDoNotExtendTheHeadsDeadline() {
        Http1Connection connection = connection();
        connection.send(get("/done")).runAll();
        connection.written();

        connection.send("POST / HTTP/1.1\r\n");
        for (int second = 0; second < HEADER_SECONDS - 1; second++) {
            connection.advance(1).send("X-Slow-" + second + ": 1\r\n");
        }
        assertThat(connection.statusLines()).containsExactly("HTTP/1.1 200 OK");
        connection.advance(1);

        assertThat(connection.statusLines()).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 408 Request Timeout");
        assertThat(connection.written()).contains("connection: close").contains("Request header timeout.");
        assertThat(connection.closedAfterLinger()).isTrue();
        assertThat(connection.ran).hasSize(1);
    }

    @Test
    void theFirstHeadIsTimedFromTheConnectionsOpening() {
        Http1Connection connection = connection();
        connection.advance(HEADER_SECONDS - 1);
        connection.send("GET / HTTP/1.1\r\n").advance(1);

        assertThat(connection.statusLines()).containsExactly("HTTP/1.1 408 Request Timeout");
        assertThat(connection.closedAfterLinger()).isTrue();
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIs408InTheRequestsShape() {
        Http1Connection connection = connection();
        String request = post(
                "/",
                "{\"QueueNamePrefix\":\"a\"}",
                "X-Amz-Target: AmazonSQS.ListQueues\r\n",
                "Content-Type: application/x-amz-json-1.0\r\n");
        connection.send(request.substring(0, request.length() - 5));
        connection.advance(BODY_SECONDS - 1);
        assertThat(connection.statusLines()).isEmpty();
        connection.advance(1);

        assertThat(connection.statusLines()).containsExactly("HTTP/1.1 408 Request Timeout");
        assertThat(connection.written()).contains("\"__type\":\"RequestTimeout\"");
        assertThat(connection.closedAfterLinger()).isTrue();
        assertThat(connection.ran).isEmpty();
        assertThat(pendingBytes.held())
                .as("the partial body is released with its connection")
                .isZero();
    }

    @Test
    void aConnectionThatClosesLeavesNoTimerToHoldIt() {
        Http1Connection connection = connection();
        connection.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n12345");

        // What the transport sees when the peer goes away (EmbeddedChannel's own close would cancel every timer).
        connection.channel.pipeline().fireChannelInactive();

        // A pending timer would keep the dead connection reachable until its deadline.
        assertThat(connection.channel.runScheduledPendingTasks())
                .as("nanoseconds to the next scheduled task, -1 for none")
                .isEqualTo(-1);
    }

    @Test
    void anIdleKeptAliveConnectionHasNoRequestDeadline() {
        Http1Connection connection = connection();
        connection.send(get("/")).runAll();

        connection.advance(LIMITS.idleTimeoutSeconds() - 1);

        assertThat(connection.statusLines()).containsExactly("HTTP/1.1 200 OK");
        assertThat(connection.channel.isActive()).isTrue();
    }

    @Test
    void theDeadlineDoesNotRunWhileTheRequestBeforeIsAnswered() {
        Http1Connection connection = connection();
        connection.send(post("/long-poll", "") + "GET /next HTTP/1.1\r\n");
        connection.advance(HEADER_SECONDS + 5);
        assertThat(connection.statusLines()).isEmpty();

        connection.runOne();
        connection.advance(HEADER_SECONDS - 1).send("Host: h\r\n\r\n").runAll();

        assertThat(connection.statusLines()).containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 200 OK");
        assertThat(connection.ran)
                .extracting(ServiceRouter.HttpRequest::rawPath)
                .containsExactly("/long-poll", "/next");
    }
}

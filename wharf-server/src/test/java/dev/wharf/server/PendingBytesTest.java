package dev.wharf.server;

import static dev.wharf.server.Http1Connection.post;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Requests not answered yet hold at most the server-wide budget of bytes, and give it back however they end. */
class PendingBytesTest {

    private static final int BUDGET = 100_000;
    private static final WharfConfig.Limits LIMITS =
            new WharfConfig.Limits(60_000, 16 * 1024, 100, 120, 20, 60, BUDGET);

    private final PendingBytes pendingBytes = new PendingBytes(BUDGET);

    private Http1Connection connection() {
        return new Http1Connection(LIMITS, pendingBytes);
    }

    private static String head(int contentLength) {
        return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    @Test
    void aRequestHoldsItsHeadAndBodyUntilItsOperationIsDone() {
        Http1Connection connection = connection();
        String request = post("/", "x".repeat(50_000));
        connection.send(request);

        assertThat(pendingBytes.held())
                .as("the body and the head but its line ends")
                .isBetween(50_000L, (long) request.length());
        connection.runAll();
        assertThat(pendingBytes.held()).isZero();
    }

    @Test
    void bodiesOverTheBudgetAre503AndCloseTheirConnection() {
        Http1Connection first = connection();
        first.send(head(50_000) + "x".repeat(10_000));
        Http1Connection second = connection();
        second.send(head(50_000) + "x".repeat(45_000));
        first.send("x".repeat(40_000));
        second.send("x".repeat(5_000));

        assertThat(second.statusLines()).containsExactly("HTTP/1.1 503 Service Unavailable");
        assertThat(second.written()).contains("<Code>ServiceUnavailable</Code>").contains("connection: close");
        assertThat(pendingBytes.held()).isLessThanOrEqualTo(BUDGET);
        assertThat(second.closedAfterLinger()).isTrue();

        first.runAll();
        assertThat(first.statusLines()).containsExactly("HTTP/1.1 200 OK");
        assertThat(pendingBytes.held()).isZero();
    }

    @Test
    void aDeclaredLengthThatCannotFitIs503BeforeItsBodyIsRead() {
        Http1Connection first = connection();
        first.send(head(50_000) + "x".repeat(45_000));
        Http1Connection second = connection();
        second.send(head(55_000).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n"));

        assertThat(second.written()).startsWith("HTTP/1.1 503 ").doesNotContain("100 Continue");
        assertThat(second.closedAfterLinger()).isTrue();
    }

    @Test
    void connectionsThatVanishMidBodyGiveTheirBytesBack() {
        for (int round = 0; round < 10; round++) {
            Http1Connection connection = connection();
            connection.send(head(50_000) + "x".repeat(40_000));
            assertThat(pendingBytes.held()).isGreaterThan(40_000);
            connection.channel.close();
            connection.channel.runPendingTasks();
            assertThat(pendingBytes.held()).isZero();
        }
        Http1Connection connection = connection();
        connection.send(head(50_000) + "x".repeat(50_000)).runAll();
        assertThat(connection.statusLines()).containsExactly("HTTP/1.1 200 OK");
    }

    @Test
    void aRunningRequestKeepsItsBytesUntilItsOperationEndsEvenIfItsConnectionDies() {
        Http1Connection connection = connection();
        connection.send(head(50_000) + "x".repeat(50_000));
        connection.channel.close();
        assertThat(pendingBytes.held()).as("the operation still holds the body").isGreaterThan(50_000);

        connection.runAll();

        assertThat(pendingBytes.held()).isZero();
    }

    @Test
    void theBudgetRefusesWhatDoesNotFitAndCountsReleases() {
        PendingBytes budget = new PendingBytes(10);
        assertThat(budget.tryReserve(6)).isTrue();
        assertThat(budget.tryReserve(5)).isFalse();
        assertThat(budget.available()).isEqualTo(4);
        budget.release(6);
        assertThat(budget.tryReserve(10)).isTrue();
        assertThat(budget.held()).isEqualTo(10);
    }
}

package dev.wharf.server;

import static dev.wharf.server.Http1Connection.post;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pipelined requests on one connection run one at a time and are answered in the order they were sent. */
class RequestOrderTest {

    private final PendingBytes pendingBytes =
            new PendingBytes(Http1Connection.limits().maxPendingRequestBytes());

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() {
        Http1Connection connection = new Http1Connection(Http1Connection.limits(), pendingBytes);
        connection.send(post("/first", "a") + post("/second", "bb") + post("/third", "ccc"));

        assertThat(connection.operations).as("only the first request runs").hasSize(1);
        connection.runOne();
        assertThat(connection.written()).contains("POST /first 1").doesNotContain("/second");
        assertThat(connection.operations).hasSize(1);
        connection.runAll();

        String written = connection.written();
        assertThat(written.indexOf("POST /first 1"))
                .isLessThan(written.indexOf("POST /second 2"))
                .isLessThan(written.indexOf("POST /third 3"));
        assertThat(connection.statusLines()).hasSize(3).allMatch(line -> line.equals("HTTP/1.1 200 OK"));
        assertThat(connection.channel.isActive()).isTrue();
    }

    @Test
    void requestsBehindAnUnansweredOneWaitUndecoded() {
        Http1Connection connection = new Http1Connection(Http1Connection.limits(), pendingBytes);
        connection.send(post("/0", "x").repeat(200));

        for (int answered = 0; answered < 200; answered++) {
            assertThat(connection.operations).hasSize(1);
            assertThat(connection.ran).hasSize(answered);
            connection.runOne();
        }
        assertThat(connection.statusLines()).hasSize(200);
    }

    @Test
    void requestsAfterOneThatClosesTheConnectionNeverRun() {
        Http1Connection connection = new Http1Connection(Http1Connection.limits(), pendingBytes);
        connection.send(post("/last", "", "Connection: close\r\n") + post("/smuggled", ""));

        connection.runAll();

        assertThat(connection.ran)
                .extracting(ServiceRouter.HttpRequest::rawPath)
                .containsExactly("/last");
        assertThat(connection.written()).contains("connection: close");
        assertThat(connection.closedAfterLinger()).isTrue();
        assertThat(connection.ran).hasSize(1);
    }

    @Test
    void aRequestSplitOverReadsIsDecodedOnceTheOneBeforeIsAnswered() {
        Http1Connection connection = new Http1Connection(Http1Connection.limits(), pendingBytes);
        String second = post("/second", "body");
        connection.send(post("/first", "") + second.substring(0, 10));

        connection.runOne();
        assertThat(connection.operations).isEmpty();
        connection.send(second.substring(10));
        connection.runOne();

        assertThat(connection.ran)
                .extracting(ServiceRouter.HttpRequest::rawPath)
                .containsExactly("/first", "/second");
        assertThat(connection.written()).contains("POST /second 4");
    }
}

package dev.wharf.server;

import static dev.wharf.server.Http1Connection.get;
import static dev.wharf.server.Http1Connection.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.protocol.StreamingBody;
import dev.wharf.protocol.WireResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A streaming body over HTTP/1.1: its chunks in order, then the last chunk, on a connection that serves nothing else. */
class StreamingResponseTest {

    private static final WharfConfig.Limits LIMITS = Http1Connection.limits();

    private final PendingBytes pendingBytes = new PendingBytes(LIMITS.maxPendingRequestBytes());

    /** Streams {@code body} for the path /stream, and echoes every other request. */
    private Http1Connection connection(StreamingBody body) {
        return Http1Connection.answering(
                LIMITS,
                pendingBytes,
                request -> request.rawPath().equals("/stream")
                        ? WireResponse.streaming(
                                200, "application/vnd.amazon.eventstream", Map.of("x-extra", "1"), body)
                        : new WireResponse(
                                200, "text/plain", Map.of(), ServiceRouter.utf8("echo " + request.rawPath())));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aStreamingBodyIsChunkedInOrderThenEndsAndTheConnectionServesTheNextRequest() {
        Http1Connection connection = connection(sink -> {
            sink.write(ascii("first"));
            sink.write(ascii("second!"));
            sink.write(new byte[0]);
            sink.write(ascii("third"));
        });
        connection.send(post("/stream", "{}") + get("/after"));

        connection.runOne();
        String written = connection.written();
        String head = written.substring(0, written.indexOf("\r\n\r\n"));
        assertThat(head)
                .startsWith("HTTP/1.1 200 OK")
                .contains("transfer-encoding: chunked")
                .contains("content-type: application/vnd.amazon.eventstream")
                .contains("x-amzn-RequestId: ")
                .contains("x-extra: 1")
                .contains("connection: keep-alive")
                .doesNotContain("content-length");
        assertThat(written.substring(head.length()))
                .isEqualTo("\r\n\r\n5\r\nfirst\r\n7\r\nsecond!\r\n5\r\nthird\r\n0\r\n\r\n");

        connection.runOne();
        assertThat(connection.written()).endsWith("echo /after");
        assertThat(connection.statusLines()).hasSize(2);
        assertThat(connection.channel.isActive()).isTrue();
    }

    @Test
    void nothingElseRunsOnTheConnectionWhileItStreams() {
        List<Integer> waiting = new ArrayList<>();
        Http1Connection[] holder = new Http1Connection[1];
        Http1Connection connection = connection(sink -> {
            sink.write(ascii("a"));
            holder[0].send(get("/behind"));
            waiting.add(holder[0].operations.size());
            sink.write(ascii("b"));
        });
        holder[0] = connection;
        connection.send(get("/stream"));

        connection.runOne();

        assertThat(waiting).as("operations handed over while the body streamed").containsExactly(0);
        assertThat(connection.written()).contains("1\r\na\r\n1\r\nb\r\n0\r\n\r\n");
        connection.runOne();
        assertThat(connection.written()).endsWith("echo /behind");
    }

    @Test
    void theRequestsPendingBytesAreReleasedBeforeItsBodyStreams() {
        List<Long> held = new ArrayList<>();
        Http1Connection connection = connection(sink -> held.add(pendingBytes.held()));
        connection.send(post("/stream", "x".repeat(10_000)));
        assertThat(pendingBytes.held()).isGreaterThan(10_000);

        connection.runOne();

        assertThat(held).containsExactly(0L);
        assertThat(connection.written()).endsWith("0\r\n\r\n");
    }

    @Test
    void aBodyThatThrowsClosesTheConnectionWithoutTheLastChunk() {
        Http1Connection connection = connection(sink -> {
            sink.write(ascii("partial"));
            throw new IllegalStateException("the stream broke");
        });
        connection.send(get("/stream"));

        connection.runOne();

        assertThat(connection.written()).endsWith("7\r\npartial\r\n").doesNotContain("0\r\n\r\n");
        assertThat(connection.channel.isActive()).isFalse();
    }

    @Test
    void theSinkAnswersFalseOnceTheConnectionIsGoneAndTheResponseIsCut() {
        List<Boolean> answers = new ArrayList<>();
        Http1Connection[] holder = new Http1Connection[1];
        Http1Connection connection = connection(sink -> {
            answers.add(sink.write(ascii("one")));
            holder[0].channel.close();
            answers.add(sink.write(ascii("two")));
        });
        holder[0] = connection;
        connection.send(get("/stream"));

        connection.runOne();

        assertThat(answers).containsExactly(true, false);
        assertThat(connection.written()).contains("3\r\none\r\n").doesNotContain("two");
    }

    @Test
    void theIdleTimeoutDoesNotCloseAConnectionWhileItStreams() {
        Http1Connection[] holder = new Http1Connection[1];
        Http1Connection connection = connection(sink -> {
            sink.write(ascii("before"));
            holder[0].advance(LIMITS.idleTimeoutSeconds() + 1L);
            sink.write(ascii("after"));
        });
        holder[0] = connection;
        connection.send(get("/stream"));

        connection.runOne();

        assertThat(connection.written()).endsWith("6\r\nbefore\r\n5\r\nafter\r\n0\r\n\r\n");
        assertThat(connection.channel.isActive()).isTrue();
        connection.advance(LIMITS.idleTimeoutSeconds() + 1L);
        assertThat(connection.channel.isActive())
                .as("idle once the stream ended")
                .isFalse();
    }

    @Test
    void aStreamForARequestThatClosesTheConnectionEndsThenCloses() {
        Http1Connection connection = connection(sink -> sink.write(ascii("only")));
        connection.send(get("/stream", "Connection: close\r\n") + get("/never"));

        connection.runAll();

        assertThat(connection.written()).contains("connection: close").endsWith("4\r\nonly\r\n0\r\n\r\n");
        assertThat(connection.ran)
                .extracting(ServiceRouter.HttpRequest::rawPath)
                .containsExactly("/stream");
        assertThat(connection.closedAfterLinger()).isTrue();
    }
}

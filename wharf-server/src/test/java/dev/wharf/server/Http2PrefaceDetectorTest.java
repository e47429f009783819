package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.protocol.WireResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The plain port's first bytes choose the protocol: the HTTP/2 preface switches to HTTP/2, anything else is HTTP/1.1. */
class Http2PrefaceDetectorTest {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** An empty SETTINGS frame: length 0, type 4, no flags, stream 0. */
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel ch) {
            WharfConfig.Limits limits = Http1Connection.limits();
            HttpPipeline http = new HttpPipeline(
                    limits,
                    new PendingBytes(limits.maxPendingRequestBytes()),
                    request -> new WireResponse(200, "text/plain", Map.of(), ServiceRouter.utf8("ok")),
                    Runnable::run,
                    "http",
                    "localhost:4566");
            ch.pipeline().addLast("detect", new Http2PrefaceDetector(http));
            http.addHttp1(ch.pipeline());
        }
    });

    private void send(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    private byte[] written() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ByteBuf bytes = (ByteBuf) message;
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.readBytes(copy);
            bytes.release();
            out.writeBytes(copy);
        }
        return out.toByteArray();
    }

    private boolean onHttp2() {
        return channel.pipeline().get(Http2FrameCodec.class) != null
                && channel.pipeline().get(Http2MultiplexHandler.class) != null
                && channel.pipeline().get(RequestDecoder.class) == null
                && channel.pipeline().get("encoder") == null
                && channel.pipeline().get(Http2PrefaceDetector.class) == null;
    }

    private boolean onHttp1() {
        return channel.pipeline().get(Http2FrameCodec.class) == null
                && channel.pipeline().get(RequestDecoder.class) != null
                && channel.pipeline().get(Http2PrefaceDetector.class) == null;
    }

    @Test
    void anHttp1RequestStaysOnHttp1AndIsAnswered() {
        send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(onHttp1()).isTrue();
        assertThat(new String(written(), StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 200 OK")
                .endsWith("ok");
    }

    @Test
    void anHttp1RequestArrivingByteByByteIsDecidedAtItsSecondByte() {
        byte[] request = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        send(Arrays.copyOfRange(request, 0, 1));
        assertThat(channel.pipeline().get(Http2PrefaceDetector.class)).isNotNull();
        send(Arrays.copyOfRange(request, 1, 2));
        assertThat(onHttp1()).isTrue();

        send(Arrays.copyOfRange(request, 2, request.length));

        assertThat(new String(written(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void aRequestLineThatBeginsAsThePrefaceDoesIsStillHttp1() {
        send("PRI * HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(onHttp1()).isTrue();
        assertThat(new String(written(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 405 ");
    }

    @Test
    void thePrefaceSwitchesTheConnectionToHttp2WhichAnswersWithItsSettings() {
        send(PREFACE);
        send(EMPTY_SETTINGS);

        assertThat(onHttp2()).isTrue();
        byte[] written = written();
        assertThat(written.length).isGreaterThanOrEqualTo(9);
        assertThat(written[3])
                .as("the first frame the server writes is SETTINGS")
                .isEqualTo((byte) 4);
        assertThat(new String(written, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
    }

    @Test
    void aPrefaceSplitOverReadsSwitchesOnceWhole() {
        send(Arrays.copyOfRange(PREFACE, 0, 10));
        assertThat(channel.pipeline().get(Http2PrefaceDetector.class)).isNotNull();
        assertThat(channel.pipeline().get(RequestDecoder.class)).isNotNull();

        send(Arrays.copyOfRange(PREFACE, 10, PREFACE.length));
        send(EMPTY_SETTINGS);

        assertThat(onHttp2()).isTrue();
        assertThat(written()[3]).isEqualTo((byte) 4);
    }

    @Test
    void aConnectionThatSendsNothingStillMeetsHttp1sHeaderDeadline() {
        channel.advanceTimeBy(Http1Connection.limits().requestHeaderTimeoutSeconds(), TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(new String(written(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 408 ");
    }

    @Test
    void switchingToHttp2CancelsHttp1sHeaderDeadline() {
        send(PREFACE);
        send(EMPTY_SETTINGS);
        written();

        channel.advanceTimeBy(Http1Connection.limits().requestHeaderTimeoutSeconds() + 1L, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(new String(written(), StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
        assertThat(channel.isActive()).isTrue();
    }
}

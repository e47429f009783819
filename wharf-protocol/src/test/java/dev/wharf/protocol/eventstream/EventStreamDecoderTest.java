package dev.wharf.protocol.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The decoder's framing checks, limits and chunking, on frames built byte by byte. */
class EventStreamDecoderTest {

    private static final EventStreamLimits SMALL = new EventStreamLimits(64, 100);

    private final EventStreamEncoder encoder = new EventStreamEncoder(EventStreamLimits.AWS);

    /** A frame with valid CRCs around {@code headers} and {@code payload}, whatever they hold. */
    private static byte[] frame(byte[] headers, byte[] payload) {
        return frame(16 + headers.length + payload.length, headers.length, headers, payload);
    }

    private static byte[] frame(long totalLength, long headersLength, byte[] headers, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(16 + headers.length + payload.length);
        out.putInt((int) totalLength).putInt((int) headersLength).putInt((int) crc(out.array(), 8));
        out.put(headers).put(payload);
        out.putInt((int) crc(out.array(), out.position()));
        return out.array();
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static EventStreamException decodeFails(EventStreamLimits limits, byte[] bytes) {
        EventStreamDecoder decoder = new EventStreamDecoder(limits);
        try {
            decoder.decode(bytes);
        } catch (EventStreamException e) {
            return e;
        }
        throw new AssertionError("decoded " + HexFormat.of().formatHex(bytes));
    }

    @Test
    void messageSplitIntoSingleBytesDecodesOnItsLastByte() {
        EventStreamMessage message = EventStreamMessage.event(
                "SubscribeToShardEvent", "application/x-amz-cbor-1.1", EventStreamGoldenTest.randomBytes(20_000, 3));
        byte[] bytes = encoder.encode(message);
        EventStreamDecoder decoder = new EventStreamDecoder(EventStreamLimits.AWS);
        for (int i = 0; i < bytes.length - 1; i++) {
            assertThat(decoder.decode(new byte[] {bytes[i]})).isEmpty();
            assertThat(decoder.isBetweenMessages()).isFalse();
        }
        assertThat(decoder.decode(new byte[] {bytes[bytes.length - 1]})).containsExactly(message);
        assertThat(decoder.isBetweenMessages()).isTrue();
        decoder.endOfStream();
    }

    @Test
    void oneChunkMayEndOneMessageAndStartTheNext() {
        EventStreamMessage first =
                EventStreamMessage.initialResponse("application/x-amz-json-1.1", new byte[] {'{', '}'});
        EventStreamMessage second = EventStreamMessage.error("InternalFailure", "boom");
        byte[] a = encoder.encode(first);
        byte[] b = encoder.encode(second);
        byte[] both = ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
        EventStreamDecoder decoder = new EventStreamDecoder(EventStreamLimits.AWS);
        assertThat(decoder.decode(ByteBuffer.wrap(both, 0, a.length - 3))).isEmpty();
        assertThat(decoder.decode(ByteBuffer.wrap(both, a.length - 3, 10))).containsExactly(first);
        assertThat(decoder.decode(ByteBuffer.wrap(both, a.length + 7, b.length - 7)))
                .containsExactly(second);
        assertThat(new EventStreamDecoder(EventStreamLimits.AWS).decode(both)).containsExactly(first, second);
    }

    @Test
    void messageWithNoHeadersAndNoPayloadIsSixteenBytes() {
        byte[] bytes = encoder.encode(new EventStreamMessage(List.of(), new byte[0]));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("000000100000000005c248eb7d98c8ff");
        assertThat(AwsEventStream.decode(bytes, 16)).containsExactly(new EventStreamMessage(List.of(), new byte[0]));
        assertThat(new EventStreamDecoder(EventStreamLimits.AWS).decode(bytes))
                .containsExactly(new EventStreamMessage(List.of(), new byte[0]));
    }

    @Test
    void streamEndingInsideAMessageIsAnError() {
        byte[] bytes = encoder.encode(EventStreamMessage.error("InternalFailure", "boom"));
        EventStreamDecoder inPrelude = new EventStreamDecoder(EventStreamLimits.AWS);
        inPrelude.decode(ByteBuffer.wrap(bytes, 0, 5));
        assertThatThrownBy(inPrelude::endOfStream)
                .isInstanceOf(EventStreamException.class)
                .hasMessage("the event stream ended inside a message, after 5 of its prelude's 12 bytes");
        EventStreamDecoder inBody = new EventStreamDecoder(EventStreamLimits.AWS);
        inBody.decode(ByteBuffer.wrap(bytes, 0, 20));
        assertThatThrownBy(inBody::endOfStream)
                .hasMessage("the event stream ended inside a message, after 20 of its " + bytes.length + " bytes");
    }

    @Test
    void decoderRefusesToContinueAfterAnError() {
        byte[] bytes = encoder.encode(EventStreamMessage.error("InternalFailure", "boom"));
        bytes[bytes.length - 1] ^= 1;
        EventStreamDecoder decoder = new EventStreamDecoder(EventStreamLimits.AWS);
        assertThatThrownBy(() -> decoder.decode(bytes)).isInstanceOf(EventStreamException.class);
        assertThatThrownBy(() -> decoder.decode(new byte[1]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the event stream already failed, and cannot be read further");
    }

    @Test
    void headersBeyondTheLimitAreRejectedFromThePrelude() {
        // Only the prelude is sent: the decoder must refuse before it waits for the rest.
        assertThat(decodeFails(SMALL, Arrays.copyOf(frame(16 + 65, 65, new byte[0], new byte[0]), 12)))
                .hasMessage("a message declares 65 bytes of headers, more than the 64 allowed");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(16L + 131_073, 131_073, new byte[0], new byte[0])))
                .hasMessage("a message declares 131073 bytes of headers, more than the 131072 allowed");
    }

    @Test
    void payloadBeyondTheLimitIsRejectedFromThePrelude() {
        assertThat(decodeFails(SMALL, Arrays.copyOf(frame(16 + 101, 0, new byte[0], new byte[0]), 12)))
                .hasMessage("a message declares 101 bytes of payload, more than the 100 allowed");
        long total = 16L + EventStreamLimits.AWS.payloadBytesMax() + 1;
        assertThat(decodeFails(EventStreamLimits.AWS, Arrays.copyOf(frame(total, 0, new byte[0], new byte[0]), 12)))
                .hasMessage("a message declares 16777217 bytes of payload, more than the 16777216 allowed");
        assertThat(decodeFails(
                        EventStreamLimits.AWS, Arrays.copyOf(frame(0xffff_ffffL, 0, new byte[0], new byte[0]), 12)))
                .hasMessage("a message declares 4294967279 bytes of payload, more than the 16777216 allowed");
    }

    @Test
    void totalLengthShorterThanItsPartsIsRejected() {
        assertThat(decodeFails(EventStreamLimits.AWS, frame(15, 0, new byte[0], new byte[0])))
                .hasMessage("a message declares a total length of 15 bytes, less than its 0 bytes of headers and 16 of"
                        + " framing");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(20, 5, new byte[0], new byte[0])))
                .hasMessageContaining("a total length of 20 bytes, less than its 5 bytes of headers");
    }

    @Test
    void malformedHeadersAreRejected() {
        assertThat(decodeFails(EventStreamLimits.AWS, frame(new byte[] {0, 7, 0, 1, 'x'}, new byte[0])))
                .hasMessage("a header has an empty name");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(new byte[] {1, 'n', 10}, new byte[0])))
                .hasMessage("the header n has the unknown value type 10");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(new byte[] {1, 'n', 4, 0, 0}, new byte[0])))
                .hasMessage("a header runs past the end of the headers");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(new byte[] {1, 'n', 7, 0, 5, 'a'}, new byte[0])))
                .hasMessage("a header runs past the end of the headers");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(new byte[] {5, 'n'}, new byte[0])))
                .hasMessage("a header runs past the end of the headers");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(new byte[] {1, 'n', 7, 0, 0}, new byte[0])))
                .hasMessage("the header n has a value of 0 bytes, outside 1 to 32767");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(new byte[] {1, 'n', 6, (byte) 0x80, 0}, new byte[0])))
                .hasMessage("the header n has a value of 32768 bytes, outside 1 to 32767");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(new byte[] {1, (byte) 0xff, 0}, new byte[0])))
                .hasMessage("a header name is not valid UTF-8");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(new byte[] {1, 'n', 7, 0, 1, (byte) 0xc3}, new byte[0])))
                .hasMessage("the header n is not valid UTF-8");
        assertThat(decodeFails(EventStreamLimits.AWS, frame(new byte[] {1, 'n', 0, 1, 'n', 1}, new byte[0])))
                .hasMessage("a message has the header n twice");
    }

    @Test
    void encoderRefusesWhatTheLimitsForbid() {
        EventStreamEncoder small = new EventStreamEncoder(SMALL);
        assertThatThrownBy(() -> small.encode(new EventStreamMessage(List.of(), new byte[101])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the payload has 101 bytes, more than the 100 an event-stream message may have");
        assertThat(small.encode(new EventStreamMessage(List.of(), new byte[100])))
                .hasSize(116);
        List<EventStreamHeader> headers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            headers.add(EventStreamHeader.of("h" + i, "x".repeat(32_767)));
        }
        // Four headers of 1 + 2 + 1 + 2 + 32767 bytes each: 131092 bytes, beyond 128 KiB.
        assertThatThrownBy(() -> encoder.encode(new EventStreamMessage(headers, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the encoded headers have 131092 bytes, more than the 131072 an event-stream message may"
                        + " have");
        headers.set(3, EventStreamHeader.of("h3", "x".repeat(32_747)));
        byte[] atLimit = encoder.encode(new EventStreamMessage(headers, new byte[0]));
        assertThat(ByteBuffer.wrap(atLimit).getInt(4)).isEqualTo(131_072);
        assertThat(new EventStreamDecoder(EventStreamLimits.AWS).decode(atLimit))
                .hasSize(1);
        assertThat(AwsEventStream.decode(atLimit, 1000)).hasSize(1);
    }

    @Test
    void valuesOutsideTheFormatCannotBeBuilt() {
        assertThatThrownBy(() -> HeaderValue.of(""))
                .hasMessage("a string header value must have 1 to 32767 UTF-8 bytes, not 0");
        assertThatThrownBy(() -> HeaderValue.of("é".repeat(16_384)))
                .hasMessage("a string header value must have 1 to 32767 UTF-8 bytes, not 32768");
        assertThatThrownBy(() -> new HeaderValue.ByteArrayValue(new byte[0]))
                .hasMessage("a byte-array header value must have 1 to 32767 bytes, not 0");
        assertThatThrownBy(() -> EventStreamHeader.of("n".repeat(256), "v"))
                .hasMessage("a header name must have 1 to 255 UTF-8 bytes, not 256");
        assertThat(EventStreamHeader.of("n".repeat(255), "v").name()).hasSize(255);
        assertThatThrownBy(() -> EventStreamHeader.of("\ud800", "v"))
                .hasMessage("a header name is not valid Unicode: it holds an unpaired surrogate");
        assertThatThrownBy(() -> new EventStreamMessage(
                        List.of(EventStreamHeader.of("a", "1"), EventStreamHeader.of("a", "2")), new byte[0]))
                .hasMessage("duplicate header: a");
        assertThatThrownBy(() -> EventStreamMessage.error("InternalFailure", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rpcMessagesAreClassifiedByTheirMessageType() {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        EventStreamMessage initial = EventStreamMessage.initialResponse("application/x-amz-json-1.1", json);
        assertThat(initial.messageType()).isEqualTo(EventStreamMessageType.EVENT);
        assertThat(initial.stringHeader(EventStreamMessage.EVENT_TYPE)).isEqualTo("initial-response");
        EventStreamMessage exception =
                EventStreamMessage.exception("ResourceInUseException", "application/x-amz-json-1.1", json);
        assertThat(exception.messageType()).isEqualTo(EventStreamMessageType.EXCEPTION);
        assertThat(exception.stringHeader(EventStreamMessage.EXCEPTION_TYPE)).isEqualTo("ResourceInUseException");
        EventStreamMessage error = EventStreamMessage.error("InternalFailure", "boom");
        assertThat(error.messageType()).isEqualTo(EventStreamMessageType.ERROR);
        assertThat(error.stringHeader(EventStreamMessage.ERROR_MESSAGE)).isEqualTo("boom");
        assertThat(error.header("absent")).isNull();
        EventStreamMessage odd = new EventStreamMessage(
                List.of(new EventStreamHeader(":message-type", new HeaderValue.IntegerValue(1))), json);
        assertThat(odd.messageType()).isNull();
        assertThat(odd.stringHeader(":message-type")).isNull();
        assertThat(EventStreamMessageType.fromWireName("ping")).isNull();
    }
}

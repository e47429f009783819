package dev.wharf.protocol.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;

/**
 * Golden tests of the event-stream codec against AWS's own library, {@code software.amazon.eventstream}, which is the
 * decoder that the SDK v2 runs on SubscribeToShard's responses.
 */
class EventStreamGoldenTest {

    /**
     * A SubscribeToShardEvent with one header of every type. Derived by hand from the Smithy specification (with
     * Python's zlib for the CRCs), written byte for byte by Wharf's encoder, and read by both decoders; AWS's encoder
     * writes the same bytes except for its byte and short headers (see below).
     */
    private static final String GOLDEN_HEX = "000000d4000000acc637e9330d3a6d6573736167652d74797065070005657665"
            + "6e740b3a6576656e742d74797065070015537562736372696265546f53686172"
            + "644576656e740d3a636f6e74656e742d7479706507001a6170706c6963617469"
            + "6f6e2f782d616d7a2d6a736f6e2d312e31017400016601016202ff0173030102"
            + "01690401020304016c0501020304050607080161060002cafe02747308000001"
            + "8bcfe5687b0175090123456789abcdef0123456789abcdef7b224d696c6c6973"
            + "426568696e644c6174657374223a307dc236d201";

    /** The initial-response of a SubscribeToShard over JSON 1.1, with its empty output structure. */
    private static final String INITIAL_RESPONSE_HEX =
            "0000007200000060ab820d9e0d3a6d6573736167652d74797065070005657665"
                    + "6e740b3a6576656e742d74797065070010696e697469616c2d726573706f6e73"
                    + "650d3a636f6e74656e742d7479706507001a6170706c69636174696f6e2f782d"
                    + "616d7a2d6a736f6e2d312e317b7de16e66e4";

    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String CBOR_1_1 = "application/x-amz-cbor-1.1";

    private final EventStreamEncoder encoder = new EventStreamEncoder(EventStreamLimits.AWS);

    private static EventStreamMessage goldenMessage() {
        return new EventStreamMessage(
                List.of(
                        EventStreamHeader.of(":message-type", "event"),
                        EventStreamHeader.of(":event-type", "SubscribeToShardEvent"),
                        EventStreamHeader.of(":content-type", JSON_1_1),
                        new EventStreamHeader("t", new HeaderValue.BooleanValue(true)),
                        new EventStreamHeader("f", new HeaderValue.BooleanValue(false)),
                        new EventStreamHeader("b", new HeaderValue.ByteValue((byte) -1)),
                        new EventStreamHeader("s", new HeaderValue.ShortValue((short) 258)),
                        new EventStreamHeader("i", new HeaderValue.IntegerValue(0x01020304)),
                        new EventStreamHeader("l", new HeaderValue.LongValue(0x0102030405060708L)),
                        new EventStreamHeader(
                                "a", new HeaderValue.ByteArrayValue(new byte[] {(byte) 0xca, (byte) 0xfe})),
                        new EventStreamHeader(
                                "ts", new HeaderValue.TimestampValue(Instant.ofEpochMilli(1_700_000_000_123L))),
                        new EventStreamHeader(
                                "u",
                                new HeaderValue.UuidValue(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef")))),
                "{\"MillisBehindLatest\":0}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void goldenVectorIsWhatBothEncodersWrite() {
        byte[] golden = HexFormat.of().parseHex(GOLDEN_HEX);
        assertThat(encoder.encode(goldenMessage())).isEqualTo(golden);
        EventStreamMessage withoutByteAndShort = new EventStreamMessage(
                goldenMessage().headers().stream()
                        .filter(header ->
                                !header.name().equals("b") && !header.name().equals("s"))
                        .toList(),
                goldenMessage().payload());
        assertThat(AwsEventStream.encode(withoutByteAndShort)).isEqualTo(encoder.encode(withoutByteAndShort));
    }

    /**
     * AWS's encoder in eventstream 1.0.1 writes a byte or short header's type but not its value, so its frames differ
     * from the format (and from Wharf's) there; its decoder reads them correctly. The SDK encodes no such headers on
     * SubscribeToShard, and Wharf's responses never carry them, but this pins the difference so that an upgrade shows.
     */
    @Test
    void awsEncoderDropsTheValuesOfByteAndShortHeaders() {
        byte[] aws = AwsEventStream.encode(goldenMessage());
        assertThat(aws).hasSize(HexFormat.of().parseHex(GOLDEN_HEX).length - 3);
        assertThat(HexFormat.of().formatHex(aws)).contains("01620201730301690401020304");
    }

    @Test
    void goldenVectorIsWhatBothDecodersRead() {
        byte[] golden = HexFormat.of().parseHex(GOLDEN_HEX);
        assertThat(new EventStreamDecoder(EventStreamLimits.AWS).decode(golden)).containsExactly(goldenMessage());
        Message aws = Message.decode(ByteBuffer.wrap(golden));
        assertThat(AwsEventStream.header(aws, ":event-type").getString()).isEqualTo("SubscribeToShardEvent");
        assertThat(AwsEventStream.header(aws, "u").getUuid())
                .isEqualTo(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"));
        assertThat(AwsEventStream.header(aws, "ts").getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(AwsEventStream.fromAws(aws)).isEqualTo(goldenMessage());
    }

    @Test
    void initialResponseHasTheRpcHeadersInOrder() {
        byte[] bytes =
                encoder.encode(EventStreamMessage.initialResponse(JSON_1_1, "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(INITIAL_RESPONSE_HEX);
        Message aws = Message.decode(ByteBuffer.wrap(bytes));
        assertThat(aws.getHeaders().keySet()).containsExactly(":message-type", ":event-type", ":content-type");
        assertThat(AwsEventStream.header(aws, ":message-type").getString()).isEqualTo("event");
        assertThat(AwsEventStream.header(aws, ":event-type").getString()).isEqualTo("initial-response");
        assertThat(AwsEventStream.header(aws, ":content-type").getString()).isEqualTo(JSON_1_1);
        assertThat(new String(aws.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void awsDecodesASubscribeToShardStreamInAnyChunking() {
        List<EventStreamMessage> stream = List.of(
                EventStreamMessage.initialResponse(CBOR_1_1, new byte[] {(byte) 0xa0}),
                EventStreamMessage.event("SubscribeToShardEvent", CBOR_1_1, randomBytes(70_000, 1)),
                EventStreamMessage.exception(
                        "ResourceNotFoundException",
                        CBOR_1_1,
                        "{\"message\":\"Stream orders not found\"}".getBytes(StandardCharsets.UTF_8)),
                EventStreamMessage.error("InternalFailure", "An internal error occurred."));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stream.forEach(message -> bytes.writeBytes(encoder.encode(message)));
        for (int chunkBytes : new int[] {1, 7, 12, 13, 4096, bytes.size()}) {
            assertThat(AwsEventStream.decode(bytes.toByteArray(), chunkBytes)).containsExactlyElementsOf(stream);
        }
        Message exception = Message.decode(ByteBuffer.wrap(encoder.encode(stream.get(2))));
        assertThat(AwsEventStream.header(exception, ":message-type").getString())
                .isEqualTo("exception");
        assertThat(AwsEventStream.header(exception, ":exception-type").getString())
                .isEqualTo("ResourceNotFoundException");
        Message error = Message.decode(ByteBuffer.wrap(encoder.encode(stream.get(3))));
        assertThat(AwsEventStream.header(error, ":error-code").getString()).isEqualTo("InternalFailure");
        assertThat(AwsEventStream.header(error, ":error-message").getString()).isEqualTo("An internal error occurred.");
        assertThat(error.getPayload()).isEmpty();
    }

    @Test
    void decodesWhatAwsEncodes() {
        Random random = new Random(42);
        List<EventStreamMessage> messages = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            EventStreamMessage message = new EventStreamMessage(
                    List.of(
                            EventStreamHeader.of(":message-type", "event"),
                            EventStreamHeader.of(":event-type", "E" + i),
                            new EventStreamHeader("n", new HeaderValue.LongValue(random.nextLong())),
                            new EventStreamHeader("z", new HeaderValue.BooleanValue(random.nextBoolean())),
                            new EventStreamHeader("k", new HeaderValue.ByteArrayValue(randomBytes(1 + i, i))),
                            new EventStreamHeader("é", HeaderValue.of("ünïcødé ✓ 𝄞"))),
                    randomBytes(random.nextInt(3000), i));
            messages.add(message);
            bytes.writeBytes(AwsEventStream.encode(message));
        }
        EventStreamDecoder decoder = new EventStreamDecoder(EventStreamLimits.AWS);
        List<EventStreamMessage> decoded = new ArrayList<>();
        byte[] stream = bytes.toByteArray();
        for (int offset = 0; offset < stream.length; ) {
            int length = Math.min(1 + random.nextInt(500), stream.length - offset);
            decoded.addAll(decoder.decode(ByteBuffer.wrap(stream, offset, length)));
            offset += length;
        }
        decoder.endOfStream();
        assertThat(decoded).containsExactlyElementsOf(messages);
    }

    @Test
    void bothDecodersRejectACorruptedPreludeCrc() {
        byte[] bytes = HexFormat.of().parseHex(GOLDEN_HEX);
        bytes[9] ^= 0x01;
        assertThatThrownBy(() -> Message.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Prelude checksum failure");
        assertThatThrownBy(() -> new EventStreamDecoder(EventStreamLimits.AWS).decode(bytes))
                .isInstanceOf(EventStreamException.class)
                .hasMessage("prelude CRC mismatch: the message says 0xc636e933, its bytes give 0xc637e933");
    }

    @Test
    void bothDecodersRejectACorruptedPayload() {
        byte[] bytes = HexFormat.of().parseHex(GOLDEN_HEX);
        bytes[bytes.length - 6] ^= 0x20;
        assertThatThrownBy(() -> Message.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Message checksum failure");
        assertThatThrownBy(() -> new EventStreamDecoder(EventStreamLimits.AWS).decode(bytes))
                .isInstanceOf(EventStreamException.class)
                .hasMessageStartingWith("message CRC mismatch: the message says 0xc236d201");
    }

    @Test
    void messageAtThePayloadLimitRoundTripsThroughAws() {
        byte[] payload = randomBytes(EventStreamLimits.AWS.payloadBytesMax(), 7);
        byte[] bytes = encoder.encode(EventStreamMessage.event("SubscribeToShardEvent", CBOR_1_1, payload));
        List<EventStreamMessage> decoded = AwsEventStream.decode(bytes, 1 << 20);
        assertThat(decoded).hasSize(1);
        assertThat(decoded.get(0).payload()).isEqualTo(payload);
        assertThat(new EventStreamDecoder(EventStreamLimits.AWS).decode(AwsEventStream.encode(decoded.get(0))))
                .containsExactly(decoded.get(0));
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}

package dev.wharf.protocol.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.Operation;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests of the CBOR codec's checks and bounds on request bodies, against the Kinesis model. */
class CborCodecTest {

    private final CborCodec codec = new CborCodec();

    private static Operation operation(String name) {
        return Objects.requireNonNull(KinesisSdk.MODEL.operation(name), name);
    }

    private ObjectNode decode(String operation, String hex) {
        return codec.decode(HexFormat.of().parseHex(hex), KinesisSdk.MODEL, operation(operation));
    }

    private String rejection(String operation, String hex) {
        AwsException e = catchThrowableOfType(AwsException.class, () -> decode(operation, hex));
        assertThat(e).as("rejects %s", hex).isNotNull();
        assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
        assertThat(e.code().httpStatus()).isEqualTo(400);
        return Objects.requireNonNull(e.getMessage());
    }

    /** The hex of a CBOR text string of at most 23 ASCII characters. */
    private static String text(String value) {
        return HexFormat.of().toHexDigits((byte) (0x60 + value.length()))
                + HexFormat.of().formatHex(value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void emptyBodyAndNullAreTheEmptyDocument() {
        assertThat(decode("ListStreams", "")).isEmpty();
        assertThat(decode("ListStreams", "f6")).isEmpty();
    }

    @Test
    void bodyThatIsNotOneMapIsRejected() {
        assertThat(rejection("ListStreams", "8100")).isEqualTo("Start of list found where not expected");
        assertThat(rejection("ListStreams", text("orders"))).isEqualTo("Expected null");
        assertThat(rejection("ListStreams", "a0a0"))
                .isEqualTo("The request body continues after the end of its CBOR map.");
    }

    @Test
    void truncatedOrMalformedCborIsRejected() {
        assertThat(rejection("CreateStream", "bf" + text("StreamName") + "66ab"))
                .isEqualTo("The request body is not valid CBOR.");
        assertThat(rejection("CreateStream", "a1" + text("StreamName")))
                .isEqualTo("The request body is not valid CBOR.");
        // A reserved additional-information value (28).
        assertThat(rejection("CreateStream", "a1" + text("StreamName") + "7c"))
                .isEqualTo("The request body is not valid CBOR.");
    }

    @Test
    void nestingDeeperThanTheBoundIsRejectedBeforeTheModelIsConsulted() {
        String deep = "a1" + text("Tags") + "81".repeat(200) + "00";
        assertThat(rejection("CreateStream", deep)).isEqualTo("The request body nests deeper than 64 levels.");
    }

    @Test
    void bignumLongerThanTheBoundIsRejected() {
        // Tag 2 over 600 bytes: about 1,445 decimal digits.
        String bignum = "c2" + "5902" + "58" + "7f".repeat(600);
        String message = rejection("CreateStream", "a1" + text("ShardCount") + bignum);
        assertThat(message).containsAnyOf("longer than 1000 digits", "out of range");
    }

    @Test
    void valueOfTheWrongTypeIsRejectedWithTheClassesNamed() {
        assertThat(rejection("CreateStream", "a1" + text("ShardCount") + text("4")))
                .isEqualTo("class java.lang.String can not be converted to an Integer");
        assertThat(rejection("CreateStream", "a1" + text("StreamName") + "4161"))
                .isEqualTo("class java.nio.ByteBuffer can not be converted to an String");
        assertThat(rejection("PutRecord", "a1" + text("Data") + text("AAEC")))
                .isEqualTo("class java.lang.String can not be converted to a Blob");
        assertThat(rejection("CreateStream", "a1" + text("ShardCount") + "f93e00"))
                .isEqualTo("Number 1.5 can not be converted to an Integer: it has a fraction.");
        assertThat(rejection("CreateStream", "a1" + text("ShardCount") + "1a80000000"))
                .isEqualTo("Number 2147483648 can not be converted to an Integer: it is out of range.");
        assertThat(rejection("CreateStream", "a1" + text("StreamModeDetails") + "8100"))
                .isEqualTo("Start of list found where not expected");
        assertThat(rejection("PutRecords", "a1" + text("Records") + "a0"))
                .isEqualTo("Start of structure or map found where not expected.");
        assertThat(rejection("PutRecords", "a1" + text("Records") + "81f6"))
                .isEqualTo("Null value found in a list; list members must not be null.");
        assertThat(rejection("CreateStream", "a1" + text("Tags") + "a1" + text("k") + "f6"))
                .isEqualTo("Null value found in a map; map values must not be null.");
    }

    @Test
    void timestampThatIsNotAFiniteNumberIsRejected() {
        assertThat(rejection("GetShardIterator", "a1" + text("Timestamp") + "c1f97e00"))
                .isEqualTo("Number NaN can not be converted to an Date: it is not finite.");
        assertThat(rejection("GetShardIterator", "a1" + text("Timestamp") + "c1f97c00"))
                .isEqualTo("Number Infinity can not be converted to an Date: it is not finite.");
        assertThat(rejection("GetShardIterator", "a1" + text("Timestamp") + text("2026")))
                .isEqualTo("class java.lang.String can not be converted to an Date");
    }

    @Test
    void timestampIsReadAsEpochMillisecondsWithOrWithoutItsTag() {
        String millis = "1b000001a23199dc95";
        assertThat(decode("GetShardIterator", "a1" + text("Timestamp") + "c1" + millis)
                        .get("Timestamp")
                        .decimalValue())
                .isEqualByComparingTo("1796128496.789");
        assertThat(decode("GetShardIterator", "a1" + text("Timestamp") + millis)
                        .get("Timestamp")
                        .decimalValue())
                .isEqualByComparingTo("1796128496.789");
        // A double of milliseconds (1.5e12) and a negative integer (-1 ms) keep their value.
        assertThat(decode("GetShardIterator", "a1" + text("Timestamp") + "c1fb4275d3ef79800000")
                        .get("Timestamp")
                        .decimalValue())
                .isEqualByComparingTo("1500000000");
        assertThat(decode("GetShardIterator", "a1" + text("Timestamp") + "c120")
                        .get("Timestamp")
                        .decimalValue())
                .isEqualByComparingTo("-0.001");
    }

    @Test
    void nullAndUnknownMembersAreDroppedAndBooleanTextIsRead() {
        ObjectNode document = decode(
                "DescribeStream",
                "a3" + text("Limit") + "f6" + text("Unknown") + "01" + text("ExclusiveStartShardId") + text("a"));
        assertThat(document.properties()).hasSize(1);
        assertThat(document.get("ExclusiveStartShardId").asText()).isEqualTo("a");
        assertThat(decode("DeleteStream", "a1" + text("EnforceConsumerDeletion") + text("true"))
                        .get("EnforceConsumerDeletion")
                        .booleanValue())
                .isTrue();
        assertThat(rejection("DeleteStream", "a1" + text("EnforceConsumerDeletion") + text("yes")))
                .isEqualTo("'yes' can not be converted to an Boolean");
    }

    @Test
    void indefiniteLengthTextAndByteStringsAreJoined() {
        ObjectNode document = decode(
                "PutRecord",
                "bf" + text("StreamName") + "7f" + text("ord") + text("ers") + "ff" + text("Data") + "5f42000142ff00ff"
                        + "ff");
        assertThat(document.get("StreamName").asText()).isEqualTo("orders");
        assertThat(document.get("Data").asText()).isEqualTo("AAH/AA==");
    }

    /**
     * Found by fuzzing: Jackson read "u" 0xF6 "-ea" as two unpaired surrogates, and the error that repeated the value
     * could then not be written. Every text string is checked, map keys and chunks of indefinite length too.
     */
    @Test
    void textStringThatIsNotUtf8IsRejectedAsTheJsonCodecRejectsIt() {
        String notUtf8 = "The request body is not valid UTF-8.";
        assertThat(rejection("DescribeStreamSummary", "a1" + text("StreamARN") + "6575f62d6561"))
                .isEqualTo(notUtf8);
        // A continuation byte alone, a character cut short, an overlong "/", an encoded surrogate, and a code point
        // above U+10FFFF.
        for (String bad : List.of("6180", "61c3", "62c0af", "63eda080", "64f4908080")) {
            assertThat(rejection("DescribeStreamSummary", "a1" + text("StreamName") + bad))
                    .as(bad)
                    .isEqualTo(notUtf8);
        }
        assertThat(rejection("AddTagsToStream", "a1" + text("Tags") + "a1" + "6180" + text("v")))
                .isEqualTo(notUtf8);
        assertThat(rejection("RemoveTagsFromStream", "a1" + text("TagKeys") + "81" + "62c0af"))
                .isEqualTo(notUtf8);
        // A character split across two chunks, which RFC 8949 does not allow even though the joined bytes are UTF-8.
        assertThat(rejection("DescribeStreamSummary", "a1" + text("StreamName") + "7f61c3" + "61a9" + "ff"))
                .isEqualTo(notUtf8);
        // Members the shape does not have are not let through either.
        assertThat(rejection("DescribeStreamSummary", "a1" + "6180" + text("x")))
                .isEqualTo(notUtf8);
    }

    @Test
    void textStringsOfEveryLengthAndPlaneAreRead() {
        String text = "\u00e9\u20ac\ud83d\ude00".repeat(10);
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectNode document = decode(
                "DescribeStreamSummary",
                "a2" + text("StreamName") + "78" + HexFormat.of().toHexDigits((byte) utf8.length)
                        + HexFormat.of().formatHex(utf8) + text("StreamARN") + "7f" + "62c3a9" + "63e282ac" + "ff");
        assertThat(document.get("StreamName").asText()).isEqualTo(text);
        assertThat(document.get("StreamARN").asText()).isEqualTo("\u00e9\u20ac");
    }

    @Test
    void errorMessageWithAnUnpairedSurrogateIsWrittenWithTheReplacementCharacter() throws IOException {
        WireResponse wire = codec.encodeError(CommonError.SERIALIZATION, "bad \uDE76\uDD61 \uD800 ok \uD83D\uDE00");
        assertThat(new com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper()
                        .readTree(wire.body())
                        .get("message")
                        .asText())
                .isEqualTo("bad \uFFFD\uFFFD \uFFFD ok \uD83D\uDE00");
        assertThat(CborBodyCodec.unicode("plain")).isSameAs("plain");
    }

    /** Every corruption of a golden request is decoded or rejected as a SerializationException; none escapes. */
    @Test
    void corruptedGoldenRequestsAreNeverAServerError() throws IOException {
        Random random = new Random(20261201);
        for (KinesisSdk.Golden golden : KinesisSdk.Golden.values()) {
            byte[] original = golden.bytes();
            for (int round = 0; round < 2_000; round++) {
                byte[] body = mutate(original, random);
                try {
                    codec.decode(body, KinesisSdk.MODEL, golden.modelOperation());
                } catch (AwsException e) {
                    assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
                }
            }
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] body = original.clone();
        switch (random.nextInt(3)) {
            case 0 -> body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            case 1 -> body = Arrays.copyOf(body, random.nextInt(body.length));
            default -> {
                int at = random.nextInt(body.length);
                body[at] = (byte) (body[at] ^ (1 << random.nextInt(8)));
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
        }
        return body;
    }

    @Test
    void errorResponseHasTheStatusOfItsCode() {
        WireResponse wire = codec.encodeError(CommonError.SERIALIZATION, "bad");
        assertThat(wire.status()).isEqualTo(400);
        assertThat(wire.headers()).isEmpty();
        assertThat(HexFormat.of().formatHex(wire.body()))
                .isEqualTo("a2" + text("__type") + "76"
                        + HexFormat.of()
                                .formatHex(
                                        "SerializationException".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        + text("message") + text("bad"));
    }
}

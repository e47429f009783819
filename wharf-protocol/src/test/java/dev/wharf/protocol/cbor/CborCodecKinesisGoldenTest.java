package dev.wharf.protocol.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.json.JsonCodec;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Golden tests of the requests that the SDK v2's Kinesis client sends in CBOR: the bytes it marshals are the stored
 * ones, and they decode to the document that the JSON codec makes of the same call sent in JSON.
 */
class CborCodecKinesisGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CborCodec codec = new CborCodec();
    private final CapturingHttpClient http = new CapturingHttpClient();
    private final KinesisClient sdk = KinesisSdk.client(http);

    @AfterEach
    void close() {
        sdk.close();
    }

    private void send(KinesisSdk.Golden golden) {
        try {
            golden.call.accept(sdk);
        } catch (RuntimeException e) {
            // The prepared answer is an empty body, which no output reads; the request has left by then.
        }
    }

    @ParameterizedTest
    @EnumSource(KinesisSdk.Golden.class)
    void sdkSendsTheGoldenBytesWithTheCborContentTypeAndTarget(KinesisSdk.Golden golden) throws IOException {
        send(golden);
        assertThat(HexFormat.of().formatHex(http.last().body()))
                .isEqualTo(HexFormat.of().formatHex(golden.bytes()));
        assertThat(http.last().header("Content-Type")).isEqualTo(Protocol.AWS_CBOR_1_1.responseContentType());
        assertThat(http.last().header("X-Amz-Target")).isEqualTo("Kinesis_20131202." + golden.operation);
        assertThat(http.last().request().encodedPath()).isIn("", "/");
    }

    @ParameterizedTest
    @EnumSource(KinesisSdk.Golden.class)
    void goldenDecodesToTheDocumentOfTheSameCallInJson(KinesisSdk.Golden golden) throws IOException {
        ObjectNode fromCbor = codec.decode(golden.bytes(), KinesisSdk.MODEL, golden.modelOperation());
        ObjectNode fromJson = new JsonCodec(Protocol.AWS_JSON_1_1)
                .decode(jsonBody(golden), KinesisSdk.MODEL, golden.modelOperation());
        assertSameDocument(fromCbor, fromJson);
    }

    /** What the same SDK sends for the same call with CBOR turned off, as {@code aws.cborEnabled=false} does. */
    private static byte[] jsonBody(KinesisSdk.Golden golden) {
        CapturingHttpClient jsonHttp = new CapturingHttpClient();
        KinesisClient jsonSdk;
        synchronized (System.class) {
            System.setProperty("aws.cborEnabled", "false");
            try {
                jsonSdk = KinesisSdk.client(jsonHttp);
            } finally {
                System.clearProperty("aws.cborEnabled");
            }
        }
        try (jsonSdk) {
            golden.call.accept(jsonSdk);
        } catch (RuntimeException e) {
            // As above: the request has been captured.
        }
        assertThat(jsonHttp.last().header("Content-Type")).isEqualTo(Protocol.AWS_JSON_1_1.responseContentType());
        return jsonHttp.last().body();
    }

    @ParameterizedTest
    @EnumSource(value = KinesisSdk.Golden.class, names = "PUT_RECORD")
    void putRecordCarriesItsBinaryDataAsBase64(KinesisSdk.Golden golden) throws IOException {
        assertSameDocument(
                codec.decode(golden.bytes(), KinesisSdk.MODEL, golden.modelOperation()),
                json(
                        "{\"StreamName\":\"orders\",\"Data\":\"AAECf4D/\",\"PartitionKey\":\"customer-7\","
                                + "\"ExplicitHashKey\":\"170141183460469231731687303715884105728\","
                                + "\"SequenceNumberForOrdering\":\"49590338271490256608559692538361571095921575989136588898\"}"));
    }

    @ParameterizedTest
    @EnumSource(value = KinesisSdk.Golden.class, names = "PUT_RECORDS")
    void putRecordsCarriesEveryEntryInOrder(KinesisSdk.Golden golden) throws IOException {
        ObjectNode document = codec.decode(golden.bytes(), KinesisSdk.MODEL, golden.modelOperation());
        assertThat(document.path("StreamARN").asText())
                .isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/orders");
        JsonNode records = document.path("Records");
        assertThat(records.size()).isEqualTo(3);
        assertSameDocument(records.get(0), json("{\"Data\":\"\",\"PartitionKey\":\"a\"}"));
        assertSameDocument(records.get(1), json("{\"Data\":\"aGVsbG8=\",\"PartitionKey\":\"b\"}"));
        assertThat(records.get(2).path("Data").binaryValue()).hasSize(300).containsOnly(0);
        assertThat(records.get(2).path("ExplicitHashKey").asText()).isEqualTo("1");
    }

    @ParameterizedTest
    @EnumSource(value = KinesisSdk.Golden.class, names = "GET_SHARD_ITERATOR")
    void atTimestampArrivesAsEpochMillisecondsAndBecomesEpochSeconds(KinesisSdk.Golden golden) throws IOException {
        byte[] body = golden.bytes();
        // Tag 1, then an unsigned 64-bit integer of milliseconds: RFC 8949 would have seconds here.
        assertThat(HexFormat.of().formatHex(body))
                .endsWith("54696d657374616d70" + "c1" + "1b"
                        + String.format(java.util.Locale.ROOT, "%016x", KinesisSdk.AT.toEpochMilli()) + "ff");
        ObjectNode document = codec.decode(body, KinesisSdk.MODEL, golden.modelOperation());
        assertSameDocument(
                document,
                json("{\"StreamName\":\"orders\",\"ShardId\":\"shardId-000000000000\","
                        + "\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":1796128496.789}"));
        assertThat(document.path("Timestamp").decimalValue().movePointRight(3).longValueExact())
                .isEqualTo(KinesisSdk.AT.toEpochMilli());
    }

    @ParameterizedTest
    @EnumSource(value = KinesisSdk.Golden.class, names = "CREATE_STREAM")
    void createStreamCarriesNestedStructureAndMap(KinesisSdk.Golden golden) throws IOException {
        assertSameDocument(
                codec.decode(golden.bytes(), KinesisSdk.MODEL, golden.modelOperation()),
                json("{\"StreamName\":\"orders\",\"ShardCount\":4,"
                        + "\"StreamModeDetails\":{\"StreamMode\":\"PROVISIONED\"},\"Tags\":{\"team\":\"payments\"}}"));
    }

    @ParameterizedTest
    @EnumSource(value = KinesisSdk.Golden.class, names = "LIST_SHARDS")
    void listShardsCarriesTimestampsAtTopLevelAndNested(KinesisSdk.Golden golden) throws IOException {
        assertSameDocument(
                codec.decode(golden.bytes(), KinesisSdk.MODEL, golden.modelOperation()),
                json("{\"StreamName\":\"orders\",\"MaxResults\":100,"
                        + "\"StreamCreationTimestamp\":1700000000.001,"
                        + "\"ShardFilter\":{\"Type\":\"FROM_TIMESTAMP\",\"Timestamp\":1796000000}}"));
    }

    @org.junit.jupiter.api.Test
    void kinesisModelFromTheSdkClassesTypesBlobsAndTimestamps() {
        var record = KinesisSdk.MODEL.shape("com.amazonaws.kinesis#Record").members();
        assertThat(KinesisSdk.MODEL
                        .shape(Objects.requireNonNull(record.get("Data")).target())
                        .type())
                .isEqualTo(dev.wharf.protocol.model.ShapeType.BLOB);
        assertThat(KinesisSdk.MODEL
                        .shape(Objects.requireNonNull(record.get("ApproximateArrivalTimestamp"))
                                .target())
                        .type())
                .isEqualTo(dev.wharf.protocol.model.ShapeType.TIMESTAMP);
        // SubscribeToShard is an event stream, which only the asynchronous client declares.
        assertThat(KinesisSdk.MODEL.operations())
                .containsKeys("PutRecord", "GetRecords", "ListShards")
                .doesNotContainKey("SubscribeToShard");
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    static void assertSameDocument(JsonNode actual, JsonNode expected) {
        SameDocuments.assertSame(actual, expected);
    }
}

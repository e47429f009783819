package dev.wharf.protocol.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.ModelDocuments;
import dev.wharf.protocol.model.Operation;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Golden tests of CBOR responses: documents shaped as a binding shapes them, encoded by the codec and read by the SDK
 * v2's own CBOR unmarshaller into its typed responses and exceptions.
 */
class CborCodecKinesisResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelDocuments DOCUMENTS = new ModelDocuments(KinesisSdk.MODEL);
    private static final Instant ARRIVED = Instant.parse("2026-12-01T12:34:56.789Z");

    private final CborCodec codec = new CborCodec();
    private final CapturingHttpClient http = new CapturingHttpClient();
    private final KinesisClient sdk = KinesisSdk.client(http);

    @AfterEach
    void close() {
        sdk.close();
    }

    private static Operation operation(String name) {
        return Objects.requireNonNull(KinesisSdk.MODEL.operation(name), name);
    }

    private WireResponse encode(String operation, String document) throws IOException {
        Operation op = operation(operation);
        ObjectNode shaped = DOCUMENTS.shape(JSON.readTree(document), Objects.requireNonNull(op.output()));
        return codec.encode(shaped, KinesisSdk.MODEL, op);
    }

    @Test
    void getRecordsReturnsDataBytesAndArrivalTimestampsToTheMillisecond() throws IOException {
        // Blobs held as base64 text, timestamps as epoch seconds with a fraction and as ISO-8601 text.
        http.respond(encode(
                "GetRecords",
                "{\"records\":[{\"sequenceNumber\":\"4959\",\"approximateArrivalTimestamp\":1796128496.789,"
                        + "\"data\":\"AAECf4D/\",\"partitionKey\":\"customer-7\",\"encryptionType\":\"NONE\"},"
                        + "{\"sequenceNumber\":\"4960\",\"approximateArrivalTimestamp\":\"2026-12-01T12:34:57.001Z\","
                        + "\"data\":\"\",\"partitionKey\":\"p\"}],"
                        + "\"nextShardIterator\":\"AAAA-iterator\",\"millisBehindLatest\":0}"));
        GetRecordsResponse response = sdk.getRecords(b -> b.shardIterator("AAAA-iterator"));
        assertThat(response.records()).hasSize(2);
        Record first = response.records().get(0);
        assertThat(first.sequenceNumber()).isEqualTo("4959");
        assertThat(first.data().asByteArray()).containsExactly(0, 1, 2, 0x7f, 0x80, 0xff);
        assertThat(first.approximateArrivalTimestamp()).isEqualTo(ARRIVED);
        assertThat(first.partitionKey()).isEqualTo("customer-7");
        assertThat(first.encryptionType()).isEqualTo(EncryptionType.NONE);
        Record second = response.records().get(1);
        assertThat(second.data().asByteArray()).isEmpty();
        assertThat(second.approximateArrivalTimestamp()).isEqualTo(Instant.parse("2026-12-01T12:34:57.001Z"));
        assertThat(response.nextShardIterator()).isEqualTo("AAAA-iterator");
        assertThat(response.millisBehindLatest()).isZero();
    }

    @Test
    void getRecordsBodyIsTheGoldenCbor() throws IOException {
        WireResponse wire = encode(
                "GetRecords",
                "{\"Records\":[{\"SequenceNumber\":\"1\",\"ApproximateArrivalTimestamp\":1796128496.789,"
                        + "\"Data\":\"/w==\",\"PartitionKey\":\"p\"}],\"MillisBehindLatest\":5}");
        assertThat(wire.status()).isEqualTo(200);
        assertThat(wire.contentType()).isEqualTo("application/x-amz-cbor-1.1");
        // {Records: [{SequenceNumber: "1", ApproximateArrivalTimestamp: 1(1796128496789), Data: h'ff',
        //   PartitionKey: "p"}], MillisBehindLatest: 5}, every map and array of definite length.
        assertThat(HexFormat.of().formatHex(wire.body()))
                .isEqualTo("a2" + "675265636f726473" + "81" + "a4"
                        + "6e53657175656e63654e756d626572" + "6131"
                        + "781b417070726f78696d6174654172726976616c54696d657374616d70" + "c1" + "1b000001a23199dc95"
                        + "6444617461" + "41ff"
                        + "6c506172746974696f6e4b6579" + "6170"
                        + "724d696c6c6973426568696e644c6174657374" + "05");
    }

    @Test
    void describeStreamSummaryReturnsItsTimestampAndNestedMembers() throws IOException {
        http.respond(encode(
                "DescribeStreamSummary",
                "{\"StreamDescriptionSummary\":{\"StreamName\":\"orders\","
                        + "\"StreamARN\":\"arn:aws:kinesis:us-east-1:123456789012:stream/orders\","
                        + "\"StreamStatus\":\"ACTIVE\",\"StreamModeDetails\":{\"StreamMode\":\"ON_DEMAND\"},"
                        + "\"RetentionPeriodHours\":24,\"StreamCreationTimestamp\":1700000000,"
                        + "\"EnhancedMonitoring\":[{\"ShardLevelMetrics\":[\"IncomingBytes\",\"OutgoingRecords\"]}],"
                        + "\"EncryptionType\":\"KMS\",\"KeyId\":\"alias/aws/kinesis\","
                        + "\"OpenShardCount\":4,\"ConsumerCount\":1}}"));
        DescribeStreamSummaryResponse response = sdk.describeStreamSummary(b -> b.streamName("orders"));
        StreamDescriptionSummary summary = response.streamDescriptionSummary();
        assertThat(summary.streamName()).isEqualTo("orders");
        assertThat(summary.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/orders");
        assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(summary.retentionPeriodHours()).isEqualTo(24);
        assertThat(summary.streamCreationTimestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThat(summary.enhancedMonitoring().get(0).shardLevelMetrics())
                .containsExactly(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS);
        assertThat(summary.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(summary.keyId()).isEqualTo("alias/aws/kinesis");
        assertThat(summary.openShardCount()).isEqualTo(4);
        assertThat(summary.consumerCount()).isEqualTo(1);
    }

    @Test
    void operationWithoutOutputMembersAnswersAnEmptyMap() throws IOException {
        WireResponse wire = encode("CreateStream", "{}");
        assertThat(HexFormat.of().formatHex(wire.body())).isEqualTo("a0");
        http.respond(wire);
        sdk.createStream(b -> b.streamName("orders").shardCount(1));
        assertThat(http.count()).isEqualTo(1);
    }

    /** Kinesis's ResourceNotFoundException, which has no namespace in its {@code __type}. */
    private enum KinesisSampleError implements AwsErrorCode {
        ResourceNotFoundException,
        LimitExceededException;

        @Override
        public String shapeName() {
            return name();
        }

        @Override
        public String queryCode() {
            return name();
        }

        @Override
        public String jsonNamespace() {
            return "";
        }

        @Override
        public int httpStatus() {
            return 400;
        }

        @Override
        public boolean senderFault() {
            return true;
        }
    }

    @Test
    void errorIsReadByTheSdkAsItsModeledExceptionWithCodeMessageAndStatus() {
        WireResponse wire = codec.encodeError(
                KinesisSampleError.ResourceNotFoundException, "Stream orders under account 123456789012 not found.");
        assertThat(wire.status()).isEqualTo(400);
        assertThat(wire.contentType()).isEqualTo("application/x-amz-cbor-1.1");
        http.respond(wire);
        ResourceNotFoundException e = catchThrowableOfType(
                ResourceNotFoundException.class, () -> sdk.describeStreamSummary(b -> b.streamName("orders")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Stream orders under account 123456789012 not found.");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.requestId()).isEqualTo("req-1");
    }

    @Test
    void errorBodyIsTheGoldenCbor() {
        WireResponse wire = codec.encodeError(KinesisSampleError.LimitExceededException, "Rate exceeded");
        // {"__type": "LimitExceededException", "message": "Rate exceeded"}
        assertThat(HexFormat.of().formatHex(wire.body()))
                .isEqualTo("a2" + "665f5f74797065" + "764c696d69744578636565646564457863657074696f6e"
                        + "676d657373616765" + "6d52617465206578636565646564");
    }

    @Test
    void blobGivenAsBinaryIsWrittenAsTheSameByteString() throws IOException {
        ObjectNode text = (ObjectNode) JSON.readTree("{\"Records\":[{\"Data\":\"AAECf4D/\"}]}");
        ObjectNode binary = (ObjectNode) JSON.readTree("{\"Records\":[{}]}");
        ((ObjectNode) binary.withArray("Records").get(0))
                .put("Data", new byte[] {0, 1, 2, 0x7f, (byte) 0x80, (byte) 0xff});
        Operation getRecords = operation("GetRecords");
        assertThat(codec.encode(binary, KinesisSdk.MODEL, getRecords).body())
                .isEqualTo(codec.encode(text, KinesisSdk.MODEL, getRecords).body());
    }

    @Test
    void encodedResponseDecodesBackToItsDocument() throws IOException {
        // The output shape read as an input: the same document comes back, blobs and timestamps included.
        JsonNode document = JSON.readTree(
                "{\"Records\":[{\"SequenceNumber\":\"1\","
                        + "\"ApproximateArrivalTimestamp\":1796128496.789,\"Data\":\"aGVsbG8=\",\"PartitionKey\":\"p\"}],"
                        + "\"NextShardIterator\":\"it\",\"MillisBehindLatest\":7,\"ChildShards\":[{\"ShardId\":\"s\","
                        + "\"ParentShards\":[\"a\",\"b\"],\"HashKeyRange\":{\"StartingHashKey\":\"0\",\"EndingHashKey\":\"9\"}}]}");
        Operation getRecords = operation("GetRecords");
        byte[] body = codec.encode(document, KinesisSdk.MODEL, getRecords).body();
        Operation asInput = new Operation("GetRecords", getRecords.output(), null);
        CborCodecKinesisGoldenTest.assertSameDocument(codec.decode(body, KinesisSdk.MODEL, asInput), document);
        assertThat(List.copyOf(codec.decode(body, KinesisSdk.MODEL, asInput).properties()))
                .hasSize(4);
    }
}

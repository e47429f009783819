package dev.wharf.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Documents to records and back by Kinesis's model: what is matched, what each type becomes, and what is refused. The
 * records are public, as a binding's api records are: they are read through public method handles.
 */
public class ModelRecordsTest {

    private static final ServiceModel KINESIS = SdkModelReader.read(
            new SdkModelReader.Service("com.amazonaws.kinesis#Kinesis_20131202", "kinesis", false),
            KinesisClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelRecords RECORDS = new ModelRecords(KINESIS, false);

    /** Part of PutRecordsRequestEntry. */
    public record Entry(byte @Nullable [] data, @Nullable String partitionKey) {}

    /** Part of PutRecordsInput, with a component the model lacks. */
    public record PutRecords(
            @Nullable String streamName,
            @Nullable List<Entry> records,
            @Nullable String notAMember) {}

    /** Part of GetShardIteratorInput. */
    public record ShardIterator(
            @Nullable String shardId, @Nullable Instant timestamp) {}

    /** Part of GetRecordsInput. */
    public record GetRecords(
            @Nullable String shardIterator, @Nullable Integer limit) {}

    /** Part of AddTagsToStreamInput. */
    public record AddTags(
            @Nullable String streamName, @Nullable Map<String, String> tags) {}

    /** Part of GetRecordsOutput and its Record. */
    public record StreamRecord(
            @Nullable String sequenceNumber, @Nullable Instant approximateArrivalTimestamp, byte @Nullable [] data) {}

    public record GetRecordsResult(
            @Nullable List<StreamRecord> records,
            @Nullable Long millisBehindLatest,
            @Nullable List<String> childShards) {}

    /** A record that the model cannot fill: a document may lack any member. */
    public record Primitive(int limit) {}

    private static String input(String operation) {
        return Objects.requireNonNull(
                Objects.requireNonNull(KINESIS.operation(operation)).input());
    }

    private static String output(String operation) {
        return Objects.requireNonNull(
                Objects.requireNonNull(KINESIS.operation(operation)).output());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aDocumentIsReadByTheModelsNamesWithBlobsAsTextOrBinary() throws Exception {
        ObjectNode document = (ObjectNode) json("""
                {"StreamName": "orders", "Records": [{"Data": "aGk=", "PartitionKey": "k1"}, {"PartitionKey": "k2"}],
                 "notAMember": "x"}""");
        ((ObjectNode) document.withArray("Records").get(1)).put("Data", "yo".getBytes(StandardCharsets.UTF_8));

        PutRecords request = RECORDS.toRecord(document, PutRecords.class, input("PutRecords"));

        assertThat(request.streamName()).isEqualTo("orders");
        assertThat(request.notAMember()).isNull();
        assertThat(Objects.requireNonNull(request.records())).hasSize(2);
        Entry first = request.records().get(0);
        assertThat(new String(Objects.requireNonNull(first.data()), StandardCharsets.UTF_8))
                .isEqualTo("hi");
        assertThat(first.partitionKey()).isEqualTo("k1");
        assertThat(new String(Objects.requireNonNull(request.records().get(1).data()), StandardCharsets.UTF_8))
                .isEqualTo("yo");
    }

    @Test
    void timestampsAreEpochSecondsToTheMillisecondAndAbsentMembersAreNull() throws Exception {
        ShardIterator iterator = RECORDS.toRecord(
                json("{\"ShardId\": \"shardId-000000000000\", \"Timestamp\": 1700000000.123}"),
                ShardIterator.class,
                input("GetShardIterator"));
        assertThat(iterator.timestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));

        GetRecords records = RECORDS.toRecord(json("{\"Limit\": 25}"), GetRecords.class, input("GetRecords"));
        assertThat(records.limit()).isEqualTo(25);
        assertThat(records.shardIterator()).isNull();

        GetRecords none = RECORDS.toRecord(json("{\"Limit\": 25}"), GetRecords.class, null);
        assertThat(none.limit()).isNull();
    }

    @Test
    void anUnpairedSurrogateInAStringOrAMapKeyIsRefusedAndAPairIsKept() throws Exception {
        String shape = input("AddTagsToStream");
        AddTags pair = RECORDS.toRecord(
                json("{\"StreamName\": \"s\\ud83d\\ude00\", \"Tags\": {\"k\": \"v\"}}"), AddTags.class, shape);
        assertThat(pair.streamName()).isEqualTo("s\ud83d\ude00");
        assertThat(pair.tags()).containsExactly(Map.entry("k", "v"));

        assertThatThrownBy(() -> RECORDS.toRecord(json("{\"StreamName\": \"s\\ud800\"}"), AddTags.class, shape))
                .isInstanceOf(ModelRecords.UnpairedSurrogateException.class);
        assertThatThrownBy(() -> RECORDS.toRecord(json("{\"StreamName\": \"\\ude00s\"}"), AddTags.class, shape))
                .isInstanceOf(ModelRecords.UnpairedSurrogateException.class);
        assertThatThrownBy(() -> RECORDS.toRecord(json("{\"Tags\": {\"\\ud800\": \"v\"}}"), AddTags.class, shape))
                .isInstanceOf(ModelRecords.UnpairedSurrogateException.class);
    }

    @Test
    void aValueTheRecordCannotHoldIsAMismatch() throws Exception {
        String shape = input("PutRecords");
        assertThatThrownBy(() -> RECORDS.toRecord(json("{\"StreamName\": 7}"), PutRecords.class, shape))
                .isInstanceOf(ModelRecords.MismatchException.class);
        assertThatThrownBy(() -> RECORDS.toRecord(json("{\"Records\": {}}"), PutRecords.class, shape))
                .isInstanceOf(ModelRecords.MismatchException.class);
        assertThatThrownBy(() -> RECORDS.toRecord(json("{\"Records\": [{\"Data\": \"*\"}]}"), PutRecords.class, shape))
                .isInstanceOf(ModelRecords.MismatchException.class);
        assertThatThrownBy(() -> RECORDS.toRecord(json("{\"Records\": [7]}"), PutRecords.class, shape))
                .isInstanceOf(ModelRecords.MismatchException.class);
        assertThatThrownBy(() -> RECORDS.toRecord(json("{\"Limit\": 1}"), Primitive.class, input("GetRecords")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("primitive");
    }

    @Test
    void aResultIsWrittenWithTheModelsNamesBlobsAsBinaryAndTimesAsEpochSeconds() throws Exception {
        GetRecordsResult result = new GetRecordsResult(
                List.of(new StreamRecord("49", Instant.ofEpochMilli(1_700_000_000_120L), new byte[] {1, 2})),
                0L,
                List.of());

        ObjectNode dropped = RECORDS.toDocument(result, output("GetRecords"));
        assertThat(dropped.toString())
                .isEqualTo("{\"Records\":[{\"SequenceNumber\":\"49\",\"ApproximateArrivalTimestamp\":1700000000.120,"
                        + "\"Data\":\"AQI=\"}],\"MillisBehindLatest\":0}");
        assertThat(dropped.get("Records").get(0).get("Data").isBinary()).isTrue();

        ObjectNode kept = new ModelRecords(KINESIS, true)
                .toDocument(new GetRecordsResult(List.of(), null, null), output("GetRecords"));
        assertThat(kept.toString()).isEqualTo("{\"Records\":[]}");
    }

    @Test
    void mapsAreWrittenByTheirKeysAndEmptyOnesFollowTheChoice() {
        String shape = input("AddTagsToStream");
        AddTags tags = new AddTags("s", Map.of("team", "a"));
        assertThat(RECORDS.toDocument(tags, shape).toString())
                .isEqualTo("{\"StreamName\":\"s\",\"Tags\":{\"team\":\"a\"}}");
        assertThat(RECORDS.toDocument(new AddTags("s", Map.of()), shape).toString())
                .isEqualTo("{\"StreamName\":\"s\"}");
        assertThat(new ModelRecords(KINESIS, true)
                        .toDocument(new AddTags("s", Map.of()), shape)
                        .toString())
                .isEqualTo("{\"StreamName\":\"s\",\"Tags\":{}}");
    }
}

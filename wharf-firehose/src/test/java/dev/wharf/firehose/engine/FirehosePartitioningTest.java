package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.DynamicPartitioningConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationUpdate;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.ProcessingConfiguration;
import dev.wharf.firehose.api.Processor;
import dev.wharf.firehose.api.ProcessorParameter;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import dev.wharf.s3.api.BucketShapes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dynamic partitioning: JQ and Lambda partition keys, one object per partition, delimiters and the error output. */
class FirehosePartitioningTest {

    private final ScriptedFunction function = new ScriptedFunction();
    private final FirehoseFixture fixture = new FirehoseFixture(function.functions());

    @AfterEach
    void close() {
        fixture.close();
    }

    static Processor query(String query) {
        return new Processor(
                "MetadataExtraction",
                List.of(
                        new ProcessorParameter("MetadataExtractionQuery", query),
                        new ProcessorParameter("JsonParsingEngine", "JQ-1.6")));
    }

    static Processor delimiter(@Nullable String base64) {
        return new Processor(
                "AppendDelimiterToRecord",
                base64 == null ? List.of() : List.of(new ProcessorParameter("Delimiter", base64)));
    }

    static ExtendedS3DestinationConfiguration partitioned(
            String prefix,
            @Nullable String errorPrefix,
            @Nullable Integer sizeMb,
            String compression,
            Processor... processors) {
        return new ExtendedS3DestinationConfiguration(
                FirehoseFixture.ROLE,
                "arn:aws:s3:::logs",
                prefix,
                errorPrefix,
                new BufferingHints(sizeMb, 60),
                compression,
                null,
                null,
                new ProcessingConfiguration(true, List.of(processors)),
                null,
                null,
                null,
                new DynamicPartitioningConfiguration(null, true),
                null,
                null);
    }

    private Map<String, String> objects() {
        Map<String, String> bodies = new TreeMap<>();
        for (BucketShapes.ListedObject object : fixture.objects("logs")) {
            byte[] body = fixture.body("logs", object.key());
            if (object.key().endsWith(".gz")) {
                try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            bodies.put(object.key(), new String(body, StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private void deliverAfterInterval() {
        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();
    }

    private static String json(String customer, int n) {
        return "{\"customer_id\":\"" + customer + "\",\"n\":" + n + ",\"type\":{\"device\":\"mobile\"}}";
    }

    @Test
    void aQueryPartitionsOneDeliveryIntoOneObjectPerCustomerWithDelimiters() {
        fixture.bucket("logs");
        fixture.active(
                "clicks",
                partitioned(
                        "customer=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromQuery:device}/",
                        "errors/!{firehose:error-output-type}/",
                        64,
                        "GZIP",
                        query("{customer_id: .customer_id, device: .type.device}"),
                        delimiter(null)));
        fixture.put("clicks", json("a", 1));
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.put("clicks", json("b", 2));
        fixture.put("clicks", json("a", 3));

        deliverAfterInterval();

        Map<String, String> objects = objects();
        assertThat(objects).hasSize(2);
        List<String> keys = new ArrayList<>(objects.keySet());
        assertThat(keys.get(0)).matches("customer=a/device=mobile/clicks-1-2026-12-02-17-04-06-[0-9a-f-]{36}\\.gz");
        assertThat(keys.get(1)).matches("customer=b/device=mobile/clicks-1-2026-12-02-17-04-07-[0-9a-f-]{36}\\.gz");
        assertThat(objects.get(keys.get(0))).isEqualTo(json("a", 1) + "\n" + json("a", 3) + "\n");
        assertThat(objects.get(keys.get(1))).isEqualTo(json("b", 2) + "\n");
        assertThat(fixture.storedRecords(0)).isZero();
    }

    @Test
    void recordsWhoseKeysCannotBeExtractedGoToPartitioningFailed() throws IOException {
        fixture.bucket("logs");
        fixture.active(
                "clicks",
                partitioned(
                        "customer=!{partitionKeyFromQuery:customer_id}/",
                        "errors/!{firehose:error-output-type}/",
                        null,
                        "UNCOMPRESSED",
                        query("{customer_id: .customer_id}"),
                        delimiter(Base64.getEncoder().encodeToString("##".getBytes(StandardCharsets.UTF_8)))));
        fixture.put("clicks", "not json");
        fixture.put("clicks", "{\"other\":1}");
        fixture.put("clicks", json("a", 1));

        deliverAfterInterval();

        Map<String, String> objects = objects();
        assertThat(objects).hasSize(2);
        String data = objects.keySet().stream()
                .filter(key -> key.startsWith("customer=a/"))
                .findFirst()
                .orElseThrow();
        assertThat(objects.get(data)).isEqualTo(json("a", 1) + "##");
        String errors = objects.keySet().stream()
                .filter(key -> key.startsWith("errors/partitioning-failed/2026/12/02/17/"))
                .findFirst()
                .orElseThrow();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : java.util.Objects.requireNonNull(objects.get(errors)).split("\n")) {
            lines.add(ScriptedFunction.JSON.readTree(line));
        }
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(line -> assertThat(line.get("errorCode").asText())
                .isEqualTo("DynamicPartitioning.MetadataExtractionFailed"));
        assertThat(new String(
                        Base64.getDecoder().decode(lines.get(0).get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("not json");
    }

    static Processor deAggregation(String type, @Nullable String delimiter) {
        List<ProcessorParameter> parameters = new ArrayList<>();
        parameters.add(new ProcessorParameter("SubRecordType", type));
        if (delimiter != null) {
            parameters.add(new ProcessorParameter(
                    "Delimiter", Base64.getEncoder().encodeToString(delimiter.getBytes(StandardCharsets.UTF_8))));
        }
        return new Processor("RecordDeAggregation", parameters);
    }

    @Test
    void aggregatedJsonRecordsAreSplitBeforeTheirKeysAreExtracted() throws IOException {
        fixture.bucket("logs");
        fixture.active(
                "clicks",
                partitioned(
                        "c=!{partitionKeyFromQuery:c}/",
                        "errors/!{firehose:error-output-type}/",
                        null,
                        "UNCOMPRESSED",
                        deAggregation("JSON", null),
                        query("{c: .c}"),
                        delimiter(null)));
        fixture.put("clicks", "{\"c\":\"x\",\"n\":1}{\"c\":\"y\",\"n\":2}\n{\"c\":\"x\",\"n\":3}");
        fixture.put("clicks", "[{\"c\":\"x\"}]");

        deliverAfterInterval();

        Map<String, String> objects = objects();
        assertThat(objects).hasSize(3);
        assertThat(objects.entrySet())
                .anySatisfy(entry -> {
                    assertThat(entry.getKey()).startsWith("c=x/");
                    assertThat(entry.getValue()).isEqualTo("{\"c\":\"x\",\"n\":1}\n{\"c\":\"x\",\"n\":3}\n");
                })
                .anySatisfy(entry -> {
                    assertThat(entry.getKey()).startsWith("c=y/");
                    assertThat(entry.getValue()).isEqualTo("{\"c\":\"y\",\"n\":2}\n");
                })
                .anySatisfy(entry -> {
                    assertThat(entry.getKey()).startsWith("errors/partitioning-failed/");
                    assertThat(ScriptedFunction.JSON
                                    .readTree(entry.getValue())
                                    .get("rawData")
                                    .asText())
                            .isEqualTo(Base64.getEncoder()
                                    .encodeToString("[{\"c\":\"x\"}]".getBytes(StandardCharsets.UTF_8)));
                });
    }

    @Test
    void delimitedRecordsAreSplitOnTheirDelimiter() {
        fixture.bucket("logs");
        fixture.active(
                "clicks",
                partitioned(
                        "c=!{partitionKeyFromQuery:c}/",
                        "errors/!{firehose:error-output-type}/",
                        null,
                        "UNCOMPRESSED",
                        deAggregation("DELIMITED", "##"),
                        query("{c: .c}")));
        fixture.put("clicks", "{\"c\":1}##{\"c\":2}##{\"c\":1}##");

        deliverAfterInterval();

        assertThat(objects().values()).containsExactlyInAnyOrder("{\"c\":1}{\"c\":1}", "{\"c\":2}");
    }

    @Test
    void lambdaPartitionKeysNameTheObjectsOfTheirRecords() {
        fixture.bucket("logs");
        function.script = event -> ScriptedFunction.each(event, record -> {
            ObjectNode result = ScriptedFunction.ok(record, ScriptedFunction.text(record));
            result.putObject("metadata")
                    .putObject("partitionKeys")
                    .put("shard", ScriptedFunction.text(record).substring(0, 1));
            return result;
        });
        fixture.active(
                "clicks",
                partitioned(
                        "shard=!{partitionKeyFromLambda:shard}/",
                        "errors/!{firehose:error-output-type}/",
                        null,
                        "UNCOMPRESSED",
                        FirehoseTransformationTest.lambdaProcessor()));
        fixture.put("clicks", "x1");
        fixture.put("clicks", "y2");
        fixture.put("clicks", "x3");

        deliverAfterInterval();

        Map<String, String> objects = objects();
        assertThat(objects.keySet())
                .hasSize(2)
                .allMatch(key -> key.startsWith("shard=x/") || key.startsWith("shard=y/"));
        assertThat(objects.values()).containsExactlyInAnyOrder("x1x3", "y2");
    }

    @Test
    void aDeliveryTakesNoMoreThanFiveHundredPartitions() {
        fixture.bucket("logs");
        fixture.active(
                "clicks",
                partitioned(
                        "c=!{partitionKeyFromQuery:c}/",
                        "errors/!{firehose:error-output-type}/",
                        null,
                        "UNCOMPRESSED",
                        query("{c: .c}")));
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            records.add(("{\"c\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        fixture.putBatch("clicks", records.subList(0, 500));
        fixture.clock.advance(Duration.ofSeconds(30));
        fixture.putBatch("clicks", records.subList(500, 501));

        // The 501st record would open a 501st partition: it waits, and its own interval runs from its arrival.
        fixture.clock.advance(Duration.ofSeconds(30));
        fixture.deliver();
        assertThat(fixture.objects("logs")).hasSize(500);
        fixture.clock.advance(Duration.ofSeconds(30));
        fixture.deliver();
        assertThat(fixture.objects("logs")).hasSize(501);
    }

    @Test
    void createHoldsToTheRulesOfDynamicPartitioning() {
        fixture.bucket("logs");
        Processor query = query("{c: .c}");
        String prefix = "c=!{partitionKeyFromQuery:c}/";
        String errors = "errors/!{firehose:error-output-type}/";
        refused(
                partitioned(prefix, null, null, "UNCOMPRESSED", query),
                "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        refused(
                partitioned("plain/", errors, null, "UNCOMPRESSED", query),
                "Prefix must contain partitionKeyFromQuery or partitionKeyFromLambda expressions when dynamic"
                        + " partitioning is enabled.");
        refused(
                partitioned(prefix, errors, 32, "UNCOMPRESSED", query),
                "BufferingHints.SizeInMBs must be at least 64 when dynamic partitioning is enabled.");
        refused(
                partitioned(prefix, errors, null, "UNCOMPRESSED", delimiter(null)),
                "Prefix uses partitionKeyFromQuery, which needs an enabled MetadataExtraction processor.");
        refused(
                partitioned("s=!{partitionKeyFromLambda:s}/", errors, null, "UNCOMPRESSED", query),
                "Prefix uses partitionKeyFromLambda, which needs an enabled Lambda processor.");
        refused(partitioned(prefix, errors, null, "UNCOMPRESSED", query("{c: .c")), null);
        ExtendedS3DestinationConfiguration unpartitioned = new ExtendedS3DestinationConfiguration(
                FirehoseFixture.ROLE,
                "arn:aws:s3:::logs",
                prefix,
                errors,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        refused(
                unpartitioned,
                "Prefix can use partitionKeyFromQuery and partitionKeyFromLambda only when dynamic partitioning is"
                        + " enabled.");
    }

    private void refused(ExtendedS3DestinationConfiguration destination, @Nullable String message) {
        if (message == null) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.firehose.createDeliveryStream(
                            ALICE, FirehoseFixture.create("refused", destination)))
                    .isInstanceOfSatisfying(dev.wharf.common.AwsException.class, e -> assertThat(e.code())
                            .isEqualTo(FirehoseError.InvalidArgument));
            return;
        }
        assertError(
                () -> fixture.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("refused", destination)),
                FirehoseError.InvalidArgument,
                message);
    }

    @Test
    void aPartitionedStreamBuffers128MiBUnlessToldAndCannotBeUnpartitionedLater() {
        fixture.bucket("logs");
        fixture.active(
                "clicks",
                partitioned(
                        "c=!{partitionKeyFromQuery:c}/",
                        "errors/!{firehose:error-output-type}/",
                        null,
                        "UNCOMPRESSED",
                        query("{c: .c}")));
        dev.wharf.firehose.api.ExtendedS3DestinationDescription described = java.util.Objects.requireNonNull(
                java.util.Objects.requireNonNull(fixture.describe("clicks").destinations())
                        .get(0)
                        .extendedS3DestinationDescription());
        assertThat(java.util.Objects.requireNonNull(described.bufferingHints()).sizeInMBs())
                .isEqualTo(128);
        fixture.bucket("plain");
        fixture.active("plain", FirehoseFixture.bare("plain"));
        ExtendedS3DestinationUpdate enabling = new ExtendedS3DestinationUpdate(
                null,
                null,
                "c=!{partitionKeyFromQuery:c}/",
                "errors/!{firehose:error-output-type}/",
                new BufferingHints(64, null),
                null,
                null,
                null,
                new ProcessingConfiguration(true, List.of(query("{c: .c}"))),
                null,
                null,
                null,
                new DynamicPartitioningConfiguration(null, true),
                null,
                null);
        assertError(
                () -> fixture.firehose.updateDestination(
                        ALICE,
                        new UpdateDestinationRequest(
                                "plain",
                                "1",
                                FirehoseEngine.DESTINATION,
                                null,
                                enabling,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                FirehoseError.InvalidArgument,
                "Dynamic partitioning cannot be enabled on an existing delivery stream.");
    }
}

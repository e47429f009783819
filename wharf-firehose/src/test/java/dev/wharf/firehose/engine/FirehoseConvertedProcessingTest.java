package dev.wharf.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.ProcessingConfiguration;
import dev.wharf.firehose.api.Processor;
import dev.wharf.firehose.api.ProcessorParameter;
import dev.wharf.s3.api.BucketShapes;
import dev.wharf.storage.MemoryStorageEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format conversion after the record processors: what a Lambda function makes of the records, or the log events that
 * CloudWatch Logs message extraction takes out of them, is what is converted to Parquet.
 */
class FirehoseConvertedProcessingTest {

    private final ScriptedFunction function = new ScriptedFunction();
    private final FirehoseFixture fixture = new FirehoseFixture(
            new MemoryStorageEngine(),
            FirehoseFixture.CONFIG.withTables(
                    Map.of("analytics.events", "struct<user_id:bigint,event_type:string,ts:timestamp>")),
            function.functions());

    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path temp;

    @AfterEach
    void close() {
        fixture.close();
    }

    private void stream(Processor... processors) {
        ExtendedS3DestinationConfiguration base = FirehoseFormatConversionTest.converting(
                "lake",
                new BufferingHints(64, 0),
                null,
                FirehoseFormatConversionTest.conversion(
                        FirehoseFormatConversionTest.openX(), FirehoseFormatConversionTest.parquet(), "events"));
        fixture.bucket("lake");
        fixture.active(
                "events",
                new ExtendedS3DestinationConfiguration(
                        base.roleARN(),
                        base.bucketARN(),
                        base.prefix(),
                        base.errorOutputPrefix(),
                        base.bufferingHints(),
                        base.compressionFormat(),
                        null,
                        null,
                        new ProcessingConfiguration(true, List.of(processors)),
                        null,
                        null,
                        base.dataFormatConversionConfiguration(),
                        null,
                        null,
                        null));
    }

    private List<String> keys(String prefix) {
        return fixture.objects("lake").stream()
                .map(BucketShapes.ListedObject::key)
                .filter(key -> key.startsWith(prefix))
                .toList();
    }

    private List<Group> rows() throws IOException {
        List<String> data = keys("data/");
        assertThat(data).singleElement().satisfies(key -> assertThat(key).endsWith(".parquet"));
        Path file = temp.resolve("data.parquet");
        Files.write(file, fixture.body("lake", data.getFirst()));
        return FirehoseFormatConversionTest.parquetRows(file);
    }

    private static String csvToJson(String csv) {
        String[] fields = csv.split(",");
        return "{\"user_id\":" + fields[0] + ",\"event_type\":\"" + fields[1].toUpperCase(Locale.ROOT) + "\"}";
    }

    @Test
    void theFunctionsRecordsAreConvertedAndItsFailuresGoToTheirOwnErrorOutput() throws IOException {
        stream(FirehoseTransformationTest.lambdaProcessor());
        function.script = event -> ScriptedFunction.each(event, record -> {
            String text = ScriptedFunction.text(record);
            return switch (text) {
                case "skip" -> ScriptedFunction.status(record, "Dropped");
                case "fail" -> ScriptedFunction.status(record, "ProcessingFailed");
                case "bad" -> ScriptedFunction.ok(record, "{\"user_id\":\"not a number\"}");
                default -> ScriptedFunction.ok(record, csvToJson(text));
            };
        });
        for (String record : List.of("1,click", "skip", "fail", "bad", "2,view")) {
            fixture.put("events", record);
        }

        fixture.deliver();

        List<Group> rows = rows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getLong("user_id", 0)).isEqualTo(1L);
        assertThat(rows.get(0).getString("event_type", 0)).isEqualTo("CLICK");
        assertThat(rows.get(1).getLong("user_id", 0)).isEqualTo(2L);
        assertThat(keys("errors/processing-failed/")).hasSize(1);
        assertThat(keys("errors/format-conversion-failed/")).singleElement().satisfies(key -> assertThat(
                        new String(fixture.body("lake", key), StandardCharsets.UTF_8))
                .contains("DataFormatConversion.MalformedData"));
        assertThat(fixture.storedRecords(0)).isZero();
    }

    @Test
    void cloudWatchLogEventsAreExtractedThenConverted() throws IOException {
        stream(
                new Processor("Decompression", List.of(new ProcessorParameter("CompressionFormat", "GZIP"))),
                new Processor(
                        "CloudWatchLogProcessing", List.of(new ProcessorParameter("DataMessageExtraction", "true"))));
        String logs = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111111111111\",\"logGroup\":\"/app\","
                + "\"logStream\":\"web\",\"subscriptionFilters\":[\"all\"],\"logEvents\":["
                + "{\"id\":\"1\",\"timestamp\":1764694800000,\"message\":\"{\\\"user_id\\\":7,\\\"event_type\\\":\\\"a\\\"}\"},"
                + "{\"id\":\"2\",\"timestamp\":1764694800001,\"message\":\"{\\\"user_id\\\":8,\\\"event_type\\\":\\\"b\\\"}\"}"
                + "]}";
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(logs.getBytes(StandardCharsets.UTF_8));
        }
        fixture.putBatch("events", List.of(gzipped.toByteArray()));

        fixture.deliver();

        List<Group> rows = rows();
        assertThat(rows).extracting(row -> row.getLong("user_id", 0)).containsExactly(7L, 8L);
        assertThat(rows).extracting(row -> row.getString("event_type", 0)).containsExactly("a", "b");
        assertThat(keys("errors/")).isEmpty();
    }
}

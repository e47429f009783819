package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.ProcessingConfiguration;
import dev.wharf.firehose.api.Processor;
import dev.wharf.firehose.api.ProcessorParameter;
import dev.wharf.s3.api.BucketShapes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Decompression and CloudWatchLogProcessing processors: GZIP records as CloudWatch Logs subscriptions write them,
 * decompressed, their log events' messages extracted, and the records that fail either in the error output.
 */
class FirehoseCloudWatchLogsTest {

    private static final Processor DECOMPRESSION =
            new Processor("Decompression", List.of(new ProcessorParameter("CompressionFormat", "GZIP")));
    private static final Processor EXTRACTION =
            new Processor("CloudWatchLogProcessing", List.of(new ProcessorParameter("DataMessageExtraction", "true")));
    private static final Processor DELIMITER = new Processor("AppendDelimiterToRecord", List.of());

    private final ScriptedFunction function = new ScriptedFunction();
    private final FirehoseFixture fixture = new FirehoseFixture(function.functions());

    @AfterEach
    void close() {
        fixture.close();
    }

    private void stream(Processor... processors) {
        fixture.bucket("logs");
        fixture.active(
                "clicks",
                FirehoseTransformationTest.destination(new ProcessingConfiguration(true, List.of(processors))));
    }

    private void refused(String message, Processor... processors) {
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE,
                        FirehoseFixture.create(
                                "clicks",
                                FirehoseTransformationTest.destination(
                                        new ProcessingConfiguration(true, List.of(processors))))),
                FirehoseError.InvalidArgument,
                message);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String logData(String... messages) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < messages.length; i++) {
            events.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(i)
                    .append("\",\"timestamp\":1764694800000,\"message\":\"")
                    .append(messages[i])
                    .append("\"}");
        }
        return "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111111111111\",\"logGroup\":\"/app\","
                + "\"logStream\":\"web\",\"subscriptionFilters\":[\"all\"],\"logEvents\":[" + events + "]}";
    }

    private void deliver() {
        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();
    }

    private List<String> keys(String prefix) {
        return fixture.objects("logs").stream()
                .map(BucketShapes.ListedObject::key)
                .filter(key -> key.startsWith(prefix))
                .toList();
    }

    private String data() {
        List<String> keys = keys("data/");
        assertThat(keys).hasSize(1);
        return new String(fixture.body("logs", keys.getFirst()), StandardCharsets.UTF_8);
    }

    private List<JsonNode> errors(String type) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String key : keys("errors/" + type + "/")) {
            for (String line : new String(fixture.body("logs", key), StandardCharsets.UTF_8).split("\n")) {
                lines.add(ScriptedFunction.JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void decompressionDeliversTheRecordsInflated() {
        stream(DECOMPRESSION);
        fixture.putBatch("clicks", List.of(gzip("first "), gzip("second")));

        deliver();

        assertThat(data()).isEqualTo("first second");
    }

    @Test
    void messageExtractionDeliversEachLogEventsMessageAndDropsControlMessages() {
        stream(DECOMPRESSION, EXTRACTION, DELIMITER);
        fixture.putBatch(
                "clicks",
                List.of(
                        gzip(logData("GET /a 200", "GET /b 404")),
                        gzip(
                                "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logEvents\":[{\"id\":\"\","
                                        + "\"timestamp\":1764694800000,\"message\":\"CWL CONTROL MESSAGE: Checking health of"
                                        + " destination Firehose.\"}]}"),
                        gzip(logData("POST /c 201"))));

        deliver();

        assertThat(data()).isEqualTo("GET /a 200\nGET /b 404\nPOST /c 201\n");
        assertThat(keys("errors/")).isEmpty();
    }

    @Test
    void theFunctionSeesTheExtractedMessagesEachWithItsOwnRecordId() {
        stream(DECOMPRESSION, EXTRACTION, FirehoseTransformationTest.lambdaProcessor());
        function.script = ScriptedFunction::upperCase;
        fixture.put("clicks", "not gzip");
        fixture.putBatch("clicks", List.of(gzip(logData("one", "two"))));

        deliver();

        assertThat(data()).isEqualTo("ONETWO");
        JsonNode records = function.events.getFirst().get("records");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("recordId").asText())
                .isNotEqualTo(records.get(1).get("recordId").asText());
        // The record put first is not GZIP data: it failed to decompress, and the function never saw it.
        assertThat(keys("errors/decompression-failed/")).hasSize(1);
    }

    @Test
    void aRecordThatIsNotGzipGoesToTheErrorOutputAsItWasPut() throws IOException {
        stream(DECOMPRESSION);
        fixture.put("clicks", "plain text");
        fixture.putBatch("clicks", List.of(gzip("fine")));

        deliver();

        assertThat(data()).isEqualTo("fine");
        List<JsonNode> failed = errors("decompression-failed");
        assertThat(failed).singleElement().satisfies(line -> {
            assertThat(line.get("errorCode").asText()).isEqualTo("Decompression.Failed");
            assertThat(new String(Base64.getDecoder().decode(line.get("rawData").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("plain text");
        });
        assertThat(fixture.storedRecords(0)).isZero();
    }

    @Test
    void aRecordThatInflatesBeyondTheBoundFailsToDecompress() throws IOException {
        stream(DECOMPRESSION);
        byte[] bomb = gzip(new byte[Processors.DECOMPRESSED_MAX_BYTES + 1]);
        assertThat(bomb.length).isLessThan(100 * 1024);
        fixture.putBatch("clicks", List.of(bomb, gzip("small")));

        deliver();

        assertThat(data()).isEqualTo("small");
        assertThat(errors("decompression-failed")).hasSize(1);
    }

    @Test
    void decompressedDataThatIsNotCloudWatchLogsFailsMessageExtraction() throws IOException {
        stream(DECOMPRESSION, EXTRACTION);
        fixture.putBatch("clicks", List.of(gzip("{\"not\":\"logs\"}"), gzip(logData("kept"))));

        deliver();

        assertThat(data()).isEqualTo("kept");
        List<JsonNode> failed = errors("processing-failed");
        assertThat(failed).singleElement().satisfies(line -> assertThat(
                        line.get("errorCode").asText())
                .isEqualTo("CloudWatchLogProcessing.InvalidData"));
    }

    @Test
    void theProcessorsParametersAreChecked() {
        refused("The CloudWatchLogProcessing processor needs the Decompression processor.", EXTRACTION);
        refused(
                "The CloudWatchLogProcessing processor needs DataMessageExtraction set to true.",
                DECOMPRESSION,
                new Processor(
                        "CloudWatchLogProcessing", List.of(new ProcessorParameter("DataMessageExtraction", "false"))));
        refused(
                "CompressionFormat of the Decompression processor must be GZIP, not ZIP.",
                new Processor("Decompression", List.of(new ProcessorParameter("CompressionFormat", "ZIP"))));
        refused(
                "Processor parameter Delimiter is not valid for the Decompression processor.",
                new Processor("Decompression", List.of(new ProcessorParameter("Delimiter", "Cg=="))));
    }
}

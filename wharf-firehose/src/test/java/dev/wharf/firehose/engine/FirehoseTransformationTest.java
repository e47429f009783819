package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.ProcessingConfiguration;
import dev.wharf.firehose.api.Processor;
import dev.wharf.firehose.api.ProcessorParameter;
import dev.wharf.s3.api.BucketShapes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Data transformation with a Lambda processor: the event, the status model, retries and the error output. */
class FirehoseTransformationTest {

    private final ScriptedFunction function = new ScriptedFunction();
    private final FirehoseFixture fixture = new FirehoseFixture(function.functions());

    @AfterEach
    void close() {
        fixture.close();
    }

    static ProcessingConfiguration lambda(String... parameters) {
        List<ProcessorParameter> given = new ArrayList<>();
        given.add(new ProcessorParameter("LambdaArn", ScriptedFunction.ARN));
        for (int i = 0; i < parameters.length; i += 2) {
            given.add(new ProcessorParameter(parameters[i], parameters[i + 1]));
        }
        return new ProcessingConfiguration(true, List.of(new Processor("Lambda", given)));
    }

    static Processor lambdaProcessor() {
        return java.util.Objects.requireNonNull(lambda().processors()).get(0);
    }

    static ExtendedS3DestinationConfiguration destination(@Nullable ProcessingConfiguration processing) {
        return new ExtendedS3DestinationConfiguration(
                FirehoseFixture.ROLE,
                "arn:aws:s3:::logs",
                "data/",
                "errors/!{firehose:error-output-type}/",
                new BufferingHints(1, 60),
                "UNCOMPRESSED",
                null,
                null,
                processing,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private void stream(ProcessingConfiguration processing) {
        fixture.bucket("logs");
        fixture.active("clicks", destination(processing));
    }

    private List<String> keys() {
        return fixture.objects("logs").stream()
                .map(BucketShapes.ListedObject::key)
                .toList();
    }

    private String only(String prefix) {
        List<String> matching =
                keys().stream().filter(key -> key.startsWith(prefix)).toList();
        assertThat(matching).hasSize(1);
        return new String(fixture.body("logs", matching.get(0)), StandardCharsets.UTF_8);
    }

    private List<JsonNode> errorLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String key : keys()) {
            if (key.startsWith("errors/processing-failed/")) {
                for (String line : new String(fixture.body("logs", key), StandardCharsets.UTF_8).split("\n")) {
                    lines.add(ScriptedFunction.JSON.readTree(line));
                }
            }
        }
        return lines;
    }

    private void deliverAfterInterval() {
        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();
    }

    @Test
    void okRecordsAreDeliveredTransformedAndDroppedOnesVanish() {
        stream(lambda());
        function.script = event -> ScriptedFunction.each(
                event,
                record -> ScriptedFunction.text(record).equals("c")
                        ? ScriptedFunction.status(record, "Dropped")
                        : ScriptedFunction.ok(
                                record, ScriptedFunction.text(record).toUpperCase(java.util.Locale.ROOT)));
        fixture.put("clicks", "a");
        fixture.put("clicks", "b");
        fixture.put("clicks", "c");

        deliverAfterInterval();

        assertThat(only("data/")).isEqualTo("AB");
        assertThat(keys()).allMatch(key -> key.startsWith("data/"));
        assertThat(function.events).hasSize(1);
        assertThat(function.urls).containsExactly(ScriptedFunction.URL);
        JsonNode event = function.events.get(0);
        assertThat(event.get("invocationId").asText()).matches("[0-9a-f-]{36}");
        assertThat(event.get("deliveryStreamArn").asText())
                .isEqualTo("arn:aws:firehose:us-east-1:111111111111:deliverystream/clicks");
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        assertThat(event.get("records")).hasSize(3);
        JsonNode first = event.get("records").get(0);
        assertThat(first.get("approximateArrivalTimestamp").asLong())
                .isEqualTo(FirehoseFixture.START.plusSeconds(1).toEpochMilli());
        assertThat(ScriptedFunction.text(first)).isEqualTo("a");
        assertThat(first.get("recordId").asText())
                .isNotEqualTo(event.get("records").get(1).get("recordId").asText());
        assertThat(fixture.storedRecords(0)).isZero();
    }

    @Test
    void processingFailedRecordsGoToTheErrorOutputWithTheFunctionsArn() throws IOException {
        stream(lambda());
        function.script = event -> ScriptedFunction.each(
                event,
                record -> ScriptedFunction.text(record).equals("bad")
                        ? ScriptedFunction.status(record, "ProcessingFailed")
                        : ScriptedFunction.ok(record, "fine"));
        fixture.put("clicks", "bad");
        fixture.put("clicks", "good");

        deliverAfterInterval();

        assertThat(only("data/")).isEqualTo("fine");
        List<JsonNode> lines = errorLines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.get("errorCode").asText()).isEqualTo("Lambda.ProcessingFailedStatus");
        assertThat(line.get("errorMessage").asText()).isEqualTo("ProcessingFailed status set for record");
        assertThat(line.get("attemptsMade").asInt()).isEqualTo(1);
        assertThat(line.get("lambdaArn").asText()).isEqualTo(ScriptedFunction.ARN);
        assertThat(new String(Base64.getDecoder().decode(line.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("bad");
        assertThat(line.get("arrivalTimestamp").asLong())
                .isEqualTo(FirehoseFixture.START.plusSeconds(1).toEpochMilli());
    }

    @Test
    void aMissingRecordIdIsTriedNumberOfRetriesTimesMoreThenFailsTheBatch() throws IOException {
        stream(lambda("NumberOfRetries", "2"));
        function.script = event -> ScriptedFunction.json(ScriptedFunction.JSON
                .createObjectNode()
                .set(
                        "records",
                        ScriptedFunction.JSON
                                .createArrayNode()
                                .add(ScriptedFunction.ok(event.get("records").get(0), "x"))));
        fixture.put("clicks", "one");
        fixture.put("clicks", "two");

        deliverAfterInterval();

        assertThat(function.events).hasSize(3);
        assertThat(keys()).noneMatch(key -> key.startsWith("data/"));
        List<JsonNode> lines = errorLines();
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("errorCode").asText()).isEqualTo("Lambda.MissingRecordId");
            assertThat(line.get("attemptsMade").asInt()).isEqualTo(3);
        });
        assertThat(fixture.storedRecords(0)).isZero();
    }

    @Test
    void aFunctionErrorIsTriedAgainAndASuccessDelivers() {
        stream(lambda());
        int[] calls = {0};
        function.script = event -> calls[0]++ == 0
                ? new LambdaInvoker.Answer(200, true, "{\"errorMessage\":\"boom\"}".getBytes(StandardCharsets.UTF_8))
                : ScriptedFunction.upperCase(event);
        fixture.put("clicks", "a");

        deliverAfterInterval();

        assertThat(function.events).hasSize(2);
        assertThat(only("data/")).isEqualTo("A");
    }

    @Test
    void eachBrokenAnswerHasItsErrorCode() throws IOException {
        stream(lambda("NumberOfRetries", "0"));
        function.script = event -> {
            JsonNode record = event.get("records").get(0);
            return switch (ScriptedFunction.text(record)) {
                case "duplicated" ->
                    ScriptedFunction.json(ScriptedFunction.JSON
                            .createObjectNode()
                            .set(
                                    "records",
                                    ScriptedFunction.JSON
                                            .createArrayNode()
                                            .add(ScriptedFunction.ok(record, "1"))
                                            .add(ScriptedFunction.ok(record, "2"))));
                case "not json" -> new LambdaInvoker.Answer(200, false, "nope".getBytes(StandardCharsets.UTF_8));
                case "error body" ->
                    new LambdaInvoker.Answer(200, false, "{\"errorType\":\"E\"}".getBytes(StandardCharsets.UTF_8));
                case "throttled" -> new LambdaInvoker.Answer(429, false, new byte[0]);
                default -> throw new IOException("connection refused");
            };
        };
        List<String> expected = List.of(
                "duplicated", "Lambda.DuplicatedRecordId",
                "not json", "Lambda.JsonProcessingException",
                "error body", "Lambda.FunctionError",
                "throttled", "Lambda.InvokeLimitExceeded",
                "unreachable", "Lambda.FunctionError");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < expected.size(); i += 2) {
            fixture.put("clicks", expected.get(i));
            deliverAfterInterval();
        }
        for (JsonNode line : errorLines()) {
            codes.add(new String(Base64.getDecoder().decode(line.get("rawData").asText()), StandardCharsets.UTF_8));
            codes.add(line.get("errorCode").asText());
        }
        assertThat(codes).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aFunctionWithoutAnInvokeUrlFailsAsAMissingOne() throws IOException {
        fixture.bucket("logs");
        ProcessingConfiguration other = new ProcessingConfiguration(
                true,
                List.of(new Processor(
                        "Lambda",
                        List.of(
                                new ProcessorParameter(
                                        "LambdaArn", "arn:aws:lambda:us-east-1:111111111111:function:unknown"),
                                new ProcessorParameter("NumberOfRetries", "1")))));
        fixture.active("clicks", destination(other));
        fixture.put("clicks", "a");

        deliverAfterInterval();

        assertThat(function.events).isEmpty();
        JsonNode line = errorLines().get(0);
        assertThat(line.get("errorCode").asText()).isEqualTo("Lambda.ResourceNotFound");
        assertThat(line.get("attemptsMade").asInt()).isEqualTo(2);
    }

    @Test
    void invocationsAreBoundedByTheProcessorsBufferSize() {
        stream(lambda("BufferSizeInMBs", "0.2"));
        byte[] record = new byte[100 * 1024];
        java.util.Arrays.fill(record, (byte) 'x');
        fixture.putBatch("clicks", List.of(record, record, record));

        deliverAfterInterval();

        assertThat(function.events).hasSize(2);
        assertThat(function.events.get(0).get("records")).hasSize(2);
        assertThat(function.events.get(1).get("records")).hasSize(1);
        assertThat(only("data/")).hasSize(3 * 100 * 1024);
    }

    @Test
    void createRefusesProcessorsOutsideAwsRanges() {
        fixture.bucket("logs");
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE, FirehoseFixture.create("a", destination(lambda("NumberOfRetries", "301")))),
                FirehoseError.InvalidArgument,
                "NumberOfRetries must be an integer between 0 and 300, not 301.");
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE, FirehoseFixture.create("a", destination(lambda("BufferSizeInMBs", "4")))),
                FirehoseError.InvalidArgument,
                "BufferSizeInMBs of the Lambda processor must be between 0.2 and 3, not 4.");
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE,
                        FirehoseFixture.create(
                                "a",
                                destination(new ProcessingConfiguration(
                                        true, List.of(new Processor("Lambda", List.of())))))),
                FirehoseError.InvalidArgument,
                "The Lambda processor needs the LambdaArn parameter.");
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE,
                        FirehoseFixture.create(
                                "a",
                                destination(new ProcessingConfiguration(
                                        true, List.of(lambdaProcessor(), lambdaProcessor()))))),
                FirehoseError.InvalidArgument,
                "ProcessingConfiguration may have only one processor of type Lambda.");
    }

    @Test
    void aDisabledProcessingConfigurationDeliversRecordsAsTheyWerePut() {
        fixture.bucket("logs");
        fixture.active("clicks", destination(new ProcessingConfiguration(false, List.of(lambdaProcessor()))));
        fixture.put("clicks", "a");

        deliverAfterInterval();

        assertThat(function.events).isEmpty();
        assertThat(only("data/")).isEqualTo("a");
    }
}

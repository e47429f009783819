package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The error output: failed records as JSON lines under the error output prefix, with the error type in the key. */
class ErrorOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FirehoseFixture fixture = new FirehoseFixture();
    private final ErrorOutput errors = new ErrorOutput(fixture.s3, fixture.clock, new Random(3), "us-east-1");

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void withoutAnErrorOutputPrefixRecordsGoUnderTheirTypeThenTheHourOfTheOldest() throws IOException {
        fixture.bucket("logs");
        long arrival = FirehoseFixture.START.toEpochMilli();
        fixture.clock.advance(Duration.ofSeconds(5));
        String key = errors.write(
                stream(extended("logs", null, 1, 60, "UNCOMPRESSED")),
                "processing-failed",
                List.of(
                        new ErrorOutput.Failed(
                                arrival + 1000,
                                "second".getBytes(StandardCharsets.UTF_8),
                                4,
                                "Lambda.FunctionError",
                                "it threw",
                                Map.of("lambdaArn", "arn:aws:lambda:us-east-1:111111111111:function:f")),
                        new ErrorOutput.Failed(
                                arrival,
                                "first".getBytes(StandardCharsets.UTF_8),
                                1,
                                "Lambda.Dropped",
                                "no",
                                Map.of())));

        assertThat(key).matches("processing-failed/2026/12/02/17/clicks-3-2026-12-02-17-04-05-[0-9a-f-]{36}");
        String[] lines = new String(fixture.body("logs", key), StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).as("one line per record, each ended by a newline").hasSize(3);
        assertThat(lines[2]).isEmpty();
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.get("attemptsMade").asInt()).isEqualTo(4);
        assertThat(first.get("arrivalTimestamp").asLong()).isEqualTo(arrival + 1000);
        assertThat(first.get("errorCode").asText()).isEqualTo("Lambda.FunctionError");
        assertThat(first.get("errorMessage").asText()).isEqualTo("it threw");
        assertThat(first.get("attemptEndingTimestamp").asLong()).isEqualTo(arrival + 5000);
        assertThat(Base64.getDecoder().decode(first.get("rawData").asText()))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("second");
        assertThat(first.get("lambdaArn").asText()).endsWith(":function:f");
        assertThat(JSON.readTree(lines[1]).get("errorCode").asText()).isEqualTo("Lambda.Dropped");
    }

    @Test
    void anErrorOutputPrefixIsEvaluatedWithTheTypeAndCompressedAsTheDestinationIs() throws IOException {
        fixture.bucket("logs");
        ExtendedS3DestinationConfiguration destination = FirehoseFixture.extended(
                "logs",
                "data/!{timestamp:yyyy}/",
                "bad/!{firehose:error-output-type}/!{timestamp:yyyy}/",
                null,
                "GZIP",
                null);
        String key = errors.write(
                stream(destination),
                "format-conversion-failed",
                List.of(new ErrorOutput.Failed(
                        FirehoseFixture.START.toEpochMilli(),
                        "{oops".getBytes(StandardCharsets.UTF_8),
                        1,
                        "DataFormatConversion.ParseError",
                        "not JSON",
                        Map.of())));

        assertThat(key).matches("bad/format-conversion-failed/2026/clicks-3-2026-12-02-17-04-05-[0-9a-f-]{36}\\.gz");
        byte[] plain;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(fixture.body("logs", key)))) {
            plain = in.readAllBytes();
        }
        JsonNode line = JSON.readTree(new String(plain, StandardCharsets.UTF_8).strip());
        assertThat(line.get("lastErrorCode").asText()).isEqualTo("DataFormatConversion.ParseError");
        assertThat(line.get("lastErrorMessage").asText()).isEqualTo("not JSON");
    }

    private static FirehoseRecords.StoredStream stream(ExtendedS3DestinationConfiguration destination) {
        long now = FirehoseFixture.START.toEpochMilli();
        return new FirehoseRecords.StoredStream(
                1,
                FirehoseFixture.ALICE.accountId(),
                "clicks",
                "DirectPut",
                now,
                now,
                3,
                false,
                null,
                destination,
                false,
                new LinkedHashMap<>(),
                FirehoseRecords.Encryption.NONE,
                null);
    }
}

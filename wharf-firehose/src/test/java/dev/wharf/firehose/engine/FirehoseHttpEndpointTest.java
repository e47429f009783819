package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.ROLE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.TestClock;
import dev.wharf.firehose.api.CloudWatchLoggingOptions;
import dev.wharf.firehose.api.CreateDeliveryStreamRequest;
import dev.wharf.firehose.api.DeliveryStreamDescription;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.HttpEndpointBufferingHints;
import dev.wharf.firehose.api.HttpEndpointCommonAttribute;
import dev.wharf.firehose.api.HttpEndpointConfiguration;
import dev.wharf.firehose.api.HttpEndpointDescription;
import dev.wharf.firehose.api.HttpEndpointDestinationConfiguration;
import dev.wharf.firehose.api.HttpEndpointDestinationDescription;
import dev.wharf.firehose.api.HttpEndpointDestinationUpdate;
import dev.wharf.firehose.api.HttpEndpointRequestConfiguration;
import dev.wharf.firehose.api.HttpEndpointRetryOptions;
import dev.wharf.firehose.api.ProcessingConfiguration;
import dev.wharf.firehose.api.Processor;
import dev.wharf.firehose.api.ProcessorParameter;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.firehose.api.S3DestinationUpdate;
import dev.wharf.firehose.api.SecretsManagerConfiguration;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import dev.wharf.s3.api.BucketShapes;
import dev.wharf.storage.MemoryStorageEngine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP endpoint destination: its rules at CreateDeliveryStream and UpdateDestination, how it is described, and
 * its deliveries through a scripted endpoint with the fake clock: the request format, the answers that fail it, the
 * back-off and the S3 backup.
 */
class FirehoseHttpEndpointTest {

    private static final String VALID = "1 validation error detected: ";
    private static final String URL = "https://collector.example.com/firehose";
    private static final String MEMBER = "httpEndpointDestinationConfiguration.";

    private final TestClock clock = new TestClock(FirehoseFixture.START);
    private final ScriptedEndpoint endpoint = new ScriptedEndpoint(clock);
    private final FirehoseFixture fixture = new FirehoseFixture(endpoint, clock);

    @AfterEach
    void close() {
        fixture.close();
    }

    static HttpEndpointDestinationConfiguration http(UnaryOperator<Builder> change) {
        return change.apply(new Builder()).build();
    }

    /** The members of a destination, changed one by one by the tests. */
    static final class Builder {
        @Nullable
        HttpEndpointConfiguration endpoint = new HttpEndpointConfiguration(URL, "collector", "secret-key");

        @Nullable
        HttpEndpointBufferingHints hints;

        @Nullable
        HttpEndpointRequestConfiguration request;

        @Nullable
        ProcessingConfiguration processing;

        @Nullable
        HttpEndpointRetryOptions retry;

        @Nullable
        String backupMode;

        @Nullable
        S3DestinationConfiguration s3 =
                new S3DestinationConfiguration(ROLE, "arn:aws:s3:::backup", null, null, null, null, null, null);

        @Nullable
        SecretsManagerConfiguration secrets;

        Builder endpoint(@Nullable HttpEndpointConfiguration value) {
            endpoint = value;
            return this;
        }

        Builder hints(@Nullable Integer sizeMb, @Nullable Integer seconds) {
            hints = new HttpEndpointBufferingHints(sizeMb, seconds);
            return this;
        }

        Builder request(@Nullable String encoding, @Nullable List<HttpEndpointCommonAttribute> attributes) {
            request = new HttpEndpointRequestConfiguration(encoding, attributes);
            return this;
        }

        Builder processing(ProcessingConfiguration value) {
            processing = value;
            return this;
        }

        Builder retrySeconds(int seconds) {
            retry = new HttpEndpointRetryOptions(seconds);
            return this;
        }

        Builder backupMode(String value) {
            backupMode = value;
            return this;
        }

        Builder s3(@Nullable S3DestinationConfiguration value) {
            s3 = value;
            return this;
        }

        Builder secrets(SecretsManagerConfiguration value) {
            secrets = value;
            return this;
        }

        HttpEndpointDestinationConfiguration build() {
            return new HttpEndpointDestinationConfiguration(
                    endpoint, hints, null, request, processing, ROLE, retry, backupMode, s3, secrets);
        }
    }

    static CreateDeliveryStreamRequest create(String name, HttpEndpointDestinationConfiguration destination) {
        return new CreateDeliveryStreamRequest(
                name,
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
                destination,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private void active(HttpEndpointDestinationConfiguration destination) {
        fixture.bucket("backup");
        fixture.firehose.createDeliveryStream(ALICE, create("events", destination));
        clock.advance(Duration.ofSeconds(1));
    }

    private void refused(HttpEndpointDestinationConfiguration destination, FirehoseError error, String message) {
        assertError(() -> fixture.firehose.createDeliveryStream(ALICE, create("events", destination)), error, message);
    }

    private List<String> keys() {
        return fixture.objects("backup").stream()
                .map(BucketShapes.ListedObject::key)
                .toList();
    }

    private List<JsonNode> errorLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String key : keys()) {
            if (key.startsWith("http-endpoint-failed/")) {
                for (String line : new String(fixture.body("backup", key), StandardCharsets.UTF_8).split("\n")) {
                    lines.add(ScriptedEndpoint.JSON.readTree(line));
                }
            }
        }
        return lines;
    }

    private static List<String> records(JsonNode body) {
        List<String> data = new ArrayList<>();
        for (JsonNode record : body.get("records")) {
            data.add(new String(Base64.getDecoder().decode(record.get("data").asText()), StandardCharsets.UTF_8));
        }
        return data;
    }

    /** Moves the clock in steps of 100 ms and runs the due deliveries at each, at most {@code steps} times. */
    private void runFor(int steps) {
        for (int i = 0; i < steps; i++) {
            clock.advance(Duration.ofMillis(100));
            fixture.deliver();
        }
    }

    @Test
    void createChecksTheMembersAsTheModelConstrainsThem() {
        String pattern = "failed to satisfy constraint: Member must satisfy regular expression pattern: ";
        refused(
                http(b -> b.endpoint(new HttpEndpointConfiguration("ftp://collector", null, null))),
                FirehoseError.Validation,
                VALID + "Value at '" + MEMBER + "endpointConfiguration.url' " + pattern + "https://.*");
        refused(
                http(b -> b.endpoint(new HttpEndpointConfiguration(URL, " ", "k".repeat(4097)))),
                FirehoseError.Validation,
                "2 validation errors detected: Value ' ' at '" + MEMBER + "endpointConfiguration.name' " + pattern
                        + "^(?!\\s*$).+; Value at '" + MEMBER + "endpointConfiguration.accessKey' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 4096");
        refused(
                http(b -> b.hints(65, 901)),
                FirehoseError.Validation,
                "2 validation errors detected: Value '65' at '" + MEMBER + "bufferingHints.sizeInMBs' failed to"
                        + " satisfy constraint: Member must have value less than or equal to 64; Value '901' at '"
                        + MEMBER + "bufferingHints.intervalInSeconds' failed to satisfy constraint: Member must have"
                        + " value less than or equal to 900");
        refused(
                http(b -> b.retrySeconds(7201)),
                FirehoseError.Validation,
                VALID + "Value '7201' at '" + MEMBER + "retryOptions.durationInSeconds' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 7200");
        refused(
                http(b -> b.request("BR", null)),
                FirehoseError.Validation,
                VALID + "Value 'BR' at '" + MEMBER + "requestConfiguration.contentEncoding' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [NONE, GZIP]");
        refused(
                http(b -> b.backupMode("Enabled")),
                FirehoseError.Validation,
                VALID + "Value 'Enabled' at '" + MEMBER + "s3BackupMode' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [FailedDataOnly, AllData]");
        refused(
                http(b -> b.request(null, List.of(new HttpEndpointCommonAttribute("", "x".repeat(1025))))),
                FirehoseError.Validation,
                "3 validation errors detected: Value at '" + MEMBER + "requestConfiguration.commonAttributes.1"
                        + ".member.attributeName' failed to satisfy constraint: Member must have length greater than"
                        + " or equal to 1; Value at '" + MEMBER + "requestConfiguration.commonAttributes.1.member"
                        + ".attributeName' " + pattern + "^(?!\\s*$).+; Value at '" + MEMBER + "requestConfiguration"
                        + ".commonAttributes.1.member.attributeValue' failed to satisfy constraint: Member must have"
                        + " length less than or equal to 1024");
        refused(
                http(b -> b.endpoint(null).s3(null)),
                FirehoseError.Validation,
                "2 validation errors detected: Value null at '" + MEMBER + "endpointConfiguration' failed to satisfy"
                        + " constraint: Member must not be null; Value null at '" + MEMBER + "s3Configuration' failed"
                        + " to satisfy constraint: Member must not be null");
    }

    @Test
    void createRefusesWhatWharfCannotServe() {
        refused(
                http(b -> b.secrets(new SecretsManagerConfiguration(
                        "arn:aws:secretsmanager:us-east-1:111111111111:secret:key", null, true))),
                FirehoseError.InvalidArgument,
                "Wharf has no Secrets Manager; give the AccessKey of the HTTP endpoint destination.");
        refused(
                http(b -> b.processing(new ProcessingConfiguration(
                        true,
                        List.of(new Processor(
                                "MetadataExtraction",
                                List.of(
                                        new ProcessorParameter("MetadataExtractionQuery", "{a:.a}"),
                                        new ProcessorParameter("JsonParsingEngine", "JQ-1.6"))))))),
                FirehoseError.InvalidArgument,
                "The MetadataExtraction processor needs dynamic partitioning to be enabled.");
    }

    @Test
    void plainHttpUrlsAreTakenForLocalReceivers() {
        active(http(b -> b.endpoint(new HttpEndpointConfiguration("http://localhost:8080/in", null, null))));
        assertThat(describeHttp().endpointConfiguration())
                .isEqualTo(new HttpEndpointDescription("http://localhost:8080/in", null));
    }

    private HttpEndpointDestinationDescription describeHttp() {
        DeliveryStreamDescription description = fixture.describe("events");
        return Objects.requireNonNull(
                Objects.requireNonNull(description.destinations()).get(0).httpEndpointDestinationDescription());
    }

    @Test
    void describeShowsTheDefaultsAndHidesTheAccessKey() {
        active(http(b -> b));

        DeliveryStreamDescription description = fixture.describe("events");
        assertThat(Objects.requireNonNull(description.destinations()).get(0).extendedS3DestinationDescription())
                .isNull();
        HttpEndpointDestinationDescription http = describeHttp();
        assertThat(http.endpointConfiguration()).isEqualTo(new HttpEndpointDescription(URL, "collector"));
        assertThat(http.bufferingHints()).isEqualTo(new HttpEndpointBufferingHints(5, 300));
        assertThat(http.retryOptions()).isEqualTo(new HttpEndpointRetryOptions(300));
        assertThat(http.s3BackupMode()).isEqualTo("FailedDataOnly");
        assertThat(http.requestConfiguration()).isEqualTo(new HttpEndpointRequestConfiguration("NONE", List.of()));
        assertThat(http.cloudWatchLoggingOptions()).isEqualTo(new CloudWatchLoggingOptions(false, null, null));
        assertThat(http.roleARN()).isEqualTo(ROLE);
        assertThat(Objects.requireNonNull(http.s3DestinationDescription()).bucketARN())
                .isEqualTo("arn:aws:s3:::backup");
        assertThat(String.valueOf(description)).doesNotContain("secret-key");
    }

    private void update(HttpEndpointDestinationUpdate update, String version) {
        fixture.firehose.updateDestination(
                ALICE,
                new UpdateDestinationRequest(
                        "events",
                        version,
                        FirehoseEngine.DESTINATION,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        update,
                        null,
                        null,
                        null));
    }

    @Test
    void updateMergesTheMembersItNames() {
        active(http(b -> b.hints(2, 60).retrySeconds(30)));

        update(
                new HttpEndpointDestinationUpdate(
                        null,
                        new HttpEndpointBufferingHints(10, null),
                        null,
                        new HttpEndpointRequestConfiguration("GZIP", null),
                        null,
                        null,
                        null,
                        "AllData",
                        new S3DestinationUpdate(null, null, "backup/", null, null, null, null, null),
                        null),
                "1");

        DeliveryStreamDescription description = fixture.describe("events");
        assertThat(description.versionId()).isEqualTo("2");
        HttpEndpointDestinationDescription http = describeHttp();
        assertThat(http.endpointConfiguration()).isEqualTo(new HttpEndpointDescription(URL, "collector"));
        assertThat(http.bufferingHints()).isEqualTo(new HttpEndpointBufferingHints(10, 60));
        assertThat(http.retryOptions()).isEqualTo(new HttpEndpointRetryOptions(30));
        assertThat(http.requestConfiguration()).isEqualTo(new HttpEndpointRequestConfiguration("GZIP", List.of()));
        assertThat(http.s3BackupMode()).isEqualTo("AllData");
        assertThat(Objects.requireNonNull(http.s3DestinationDescription()).prefix())
                .isEqualTo("backup/");
        // The access key was kept: the next delivery still sends it.
        fixture.put("events", "a");
        clock.advance(Duration.ofSeconds(60));
        fixture.deliver();
        assertThat(endpoint.posts.get(0).post().headers()).containsEntry("X-Amz-Firehose-Access-Key", "secret-key");
    }

    @Test
    void updateChecksTheMergedDestinationAndRefusesAnotherType() {
        active(http(b -> b));
        assertError(
                () -> update(
                        new HttpEndpointDestinationUpdate(
                                null,
                                new HttpEndpointBufferingHints(65, null),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        "1"),
                FirehoseError.Validation,
                VALID + "Value '65' at 'httpEndpointDestinationUpdate.bufferingHints.sizeInMBs' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 64");
        assertError(
                () -> fixture.firehose.updateDestination(
                        ALICE,
                        new UpdateDestinationRequest(
                                "events",
                                "1",
                                FirehoseEngine.DESTINATION,
                                new S3DestinationUpdate(null, null, "x/", null, null, null, null, null),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                FirehoseError.InvalidArgument,
                "Changing the destination type to or from HttpEndpoint is not supported at this time.");
    }

    @Test
    void deliversFirehoseRequestFormat() {
        active(http(b -> b.hints(1, 60)
                .request(
                        null,
                        List.of(
                                new HttpEndpointCommonAttribute("deployment", "gamma"),
                                new HttpEndpointCommonAttribute("device", "")))));
        fixture.put("events", "hello");
        fixture.put("events", "hello world");

        clock.advance(Duration.ofSeconds(59));
        fixture.deliver();
        assertThat(endpoint.posts).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        fixture.deliver();

        assertThat(endpoint.posts).hasSize(1);
        ScriptedEndpoint.Seen seen = endpoint.posts.get(0);
        Map<String, String> headers = seen.post().headers();
        String requestId = seen.body().get("requestId").asText();
        assertThat(seen.post().uri()).hasToString(URL);
        assertThat(headers)
                .containsEntry("Content-Type", "application/json")
                .containsEntry("X-Amz-Firehose-Protocol-Version", "1.0")
                .containsEntry("X-Amz-Firehose-Request-Id", requestId)
                .containsEntry(
                        "X-Amz-Firehose-Source-Arn", "arn:aws:firehose:us-east-1:111111111111:deliverystream/events")
                .containsEntry("X-Amz-Firehose-Access-Key", "secret-key")
                .containsEntry(
                        "X-Amz-Firehose-Common-Attributes",
                        "{\"commonAttributes\":{\"deployment\":\"gamma\",\"device\":\"\"}}")
                .doesNotContainKey("Content-Encoding");
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(seen.body().get("timestamp").asLong()).isEqualTo(clock.millis());
        assertThat(records(seen.body())).containsExactly("hello", "hello world");
        assertThat(seen.post().timeout()).isEqualTo(Duration.ofMinutes(3));
        // Accepted: nothing waits, and FailedDataOnly wrote nothing to S3.
        assertThat(fixture.storedRecords(0)).isZero();
        assertThat(keys()).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        fixture.deliver();
        assertThat(endpoint.posts).hasSize(1);
    }

    @Test
    void gzipEncodingCompressesTheBody() {
        active(http(b -> b.hints(1, 0).request("GZIP", null).endpoint(new HttpEndpointConfiguration(URL, null, null))));
        fixture.put("events", "zipped");
        fixture.deliver();

        ScriptedEndpoint.Seen seen = endpoint.posts.get(0);
        assertThat(seen.post().headers())
                .containsEntry("Content-Encoding", "gzip")
                .doesNotContainKey("X-Amz-Firehose-Access-Key")
                .doesNotContainKey("X-Amz-Firehose-Common-Attributes");
        assertThat(seen.post().body()[0] & 0xff).isEqualTo(0x1f);
        assertThat(records(seen.body())).containsExactly("zipped");
    }

    @Test
    void aRequestCarriesAtMostTenThousandRecords() {
        active(http(b -> b.hints(64, 0)));
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(new byte[] {'x'});
        }
        for (int i = 0; i < 21; i++) {
            fixture.putBatch("events", batch);
        }
        fixture.deliver();
        fixture.deliver();
        fixture.deliver();

        assertThat(endpoint.posts)
                .extracting(seen -> seen.body().get("records").size())
                .containsExactly(10_000, 500);
    }

    @Test
    void aFailingEndpointIsRetriedWithBackOffThenTheRecordsGoToTheBackup() throws IOException {
        active(http(b -> b.hints(1, 0).retrySeconds(10)));
        endpoint.script = (post, body) -> ScriptedEndpoint.json(
                500, "{\"requestId\":\"" + body.get("requestId").asText() + "\",\"errorMessage\":\"down\"}");
        fixture.put("events", "a");
        fixture.put("events", "b");
        long arrival = clock.millis();

        fixture.deliver();
        runFor(200);

        List<ScriptedEndpoint.Seen> posts = endpoint.posts;
        assertThat(posts).hasSize(5);
        assertThat(posts)
                .extracting(seen -> seen.post().headers().get("X-Amz-Firehose-Request-Id"))
                .containsOnly(posts.get(0).body().get("requestId").asText());
        assertThat(posts.get(1).atMillis() - posts.get(0).atMillis()).isBetween(850L, 1250L);
        assertThat(posts.get(2).atMillis() - posts.get(1).atMillis()).isBetween(1700L, 2400L);
        assertThat(posts.get(3).atMillis() - posts.get(2).atMillis()).isBetween(3400L, 4700L);
        // The fifth attempt comes when the 10 s of retries are spent, not after the 8 s back-off.
        assertThat(posts.get(4).atMillis() - posts.get(0).atMillis()).isBetween(10_000L, 10_400L);

        List<JsonNode> lines = errorLines();
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.get("attemptsMade").asInt()).isEqualTo(5);
        assertThat(first.get("arrivalTimestamp").asLong()).isEqualTo(arrival);
        assertThat(first.get("errorCode").asText()).isEqualTo("HttpEndpoint.DestinationException");
        assertThat(first.get("errorMessage").asText())
                .isEqualTo("The following response was received from the endpoint destination. 500: {\"requestId\":\""
                        + posts.get(0).body().get("requestId").asText() + "\",\"errorMessage\":\"down\"}");
        assertThat(first.get("attemptEndingTimestamp").asLong())
                .isEqualTo(posts.get(4).atMillis());
        assertThat(new String(
                        Base64.getDecoder().decode(lines.get(1).get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("b");
        assertThat(fixture.storedRecords(0)).isZero();
        runFor(50);
        assertThat(endpoint.posts).hasSize(5);
    }

    @Test
    void aRetryThatSucceedsDeliversOnce() {
        active(http(b -> b.hints(1, 0)));
        int[] calls = {0};
        endpoint.script = (post, body) ->
                ++calls[0] < 3 ? ScriptedEndpoint.json(503, "busy") : ScriptedEndpoint.accept(post, body);
        fixture.put("events", "a");

        fixture.deliver();
        runFor(50);

        assertThat(endpoint.posts).hasSize(3);
        assertThat(keys()).isEmpty();
        assertThat(fixture.storedRecords(0)).isZero();
    }

    @Test
    void eachAttemptIsProcessedAndOnlyTheOneThatSucceededIsDelivered() {
        active(http(b -> b.hints(1, 0)));
        int[] calls = {0};
        endpoint.script = (post, body) ->
                ++calls[0] < 3 ? ScriptedEndpoint.json(503, "busy") : ScriptedEndpoint.accept(post, body);
        fixture.putBatch(
                "events", List.of("ab".getBytes(StandardCharsets.UTF_8), "c".getBytes(StandardCharsets.UTF_8)));
        fixture.firehose.metricsSnapshot();

        fixture.deliver();
        runFor(50);

        assertThat(endpoint.posts).hasSize(3);
        List<dev.wharf.firehose.api.DeliveryStreamMetrics> snapshot = fixture.firehose.metricsSnapshot();
        assertThat(snapshot).hasSize(1);
        Map<dev.wharf.firehose.api.FirehoseMetric, dev.wharf.firehose.api.StatisticSet> metrics =
                snapshot.getFirst().metrics();
        assertThat(metrics)
                .containsOnlyKeys(
                        dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_SUCCESS,
                        dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_PROCESSED_BYTES,
                        dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_PROCESSED_RECORDS,
                        dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_BYTES,
                        dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_RECORDS,
                        dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_DATA_FRESHNESS);
        assertThat(metrics.get(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_SUCCESS))
                .as("two attempts answered 503, the third succeeded")
                .isEqualTo(new dev.wharf.firehose.api.StatisticSet(3, 1, 0, 1));
        assertThat(metrics.get(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_PROCESSED_RECORDS))
                .isEqualTo(new dev.wharf.firehose.api.StatisticSet(3, 6, 2, 2));
        assertThat(metrics.get(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_PROCESSED_BYTES))
                .isEqualTo(new dev.wharf.firehose.api.StatisticSet(3, 9, 3, 3));
        assertThat(metrics.get(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_BYTES))
                .isEqualTo(new dev.wharf.firehose.api.StatisticSet(1, 3, 3, 3));
        assertThat(metrics.get(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_RECORDS))
                .isEqualTo(new dev.wharf.firehose.api.StatisticSet(1, 2, 2, 2));
        assertThat(java.util.Objects.requireNonNull(metrics.get(
                                dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_DATA_FRESHNESS))
                        .sampleCount())
                .isEqualTo(1);
    }

    private String failureWith(ScriptedEndpoint.Script script) throws IOException {
        endpoint.script = script;
        fixture.put("events", "a");
        fixture.deliver();
        List<JsonNode> lines = errorLines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("attemptsMade").asInt()).isEqualTo(1);
        return lines.get(0).get("errorCode").asText() + " "
                + lines.get(0).get("errorMessage").asText();
    }

    @Test
    void answersThatBreakTheSpecificationFailTheRequest() throws IOException {
        active(http(b -> b.hints(1, 0).retrySeconds(0)));
        String wrongId =
                failureWith((post, body) -> ScriptedEndpoint.json(200, "{\"requestId\":\"other\",\"timestamp\":1}"));
        String requestId = endpoint.posts.get(0).body().get("requestId").asText();
        assertThat(wrongId)
                .isEqualTo("HttpEndpoint.InvalidResponseFromDestination The response received from the specified"
                        + " endpoint is invalid. Contact the owner of the endpoint to resolve the issue. Response for"
                        + " request " + requestId + " is not recognized as valid JSON or has unexpected fields. Raw"
                        + " response received: 200 {\"requestId\":\"other\",\"timestamp\":1}");
    }

    @Test
    void aTimestampMustBeANumberAndTheAnswerJson() throws IOException {
        active(http(b -> b.hints(1, 0).retrySeconds(0)));
        assertThat(failureWith((post, body) -> ScriptedEndpoint.json(
                        200, "{\"requestId\":\"" + body.get("requestId").asText() + "\",\"timestamp\":\"1\"}")))
                .startsWith("HttpEndpoint.InvalidResponseFromDestination ");
        fixture.s3.deleteObject(
                FirehoseFixture.ALICE_S3,
                new dev.wharf.s3.api.ObjectShapes.DeleteObjectRequest("backup", keys().get(0), null));
        assertThat(failureWith((post, body) -> new EndpointPort.Answer(
                        200,
                        Map.of("content-type", "text/plain"),
                        ("{\"requestId\":\"" + body.get("requestId").asText() + "\",\"timestamp\":1}")
                                .getBytes(StandardCharsets.UTF_8),
                        false)))
                .startsWith("HttpEndpoint.InvalidResponseFromDestination ");
    }

    @Test
    void timeoutsAndUnreachableEndpointsHaveTheirCodes() throws IOException {
        active(http(b -> b.hints(1, 0).retrySeconds(0)));
        assertThat(failureWith((post, body) -> {
                    throw new HttpTimeoutException("request timed out");
                }))
                .isEqualTo("HttpEndpoint.RequestTimeout The endpoint did not respond within 180 seconds.");
    }

    @Test
    void anUnreachableEndpointIsAConnectionFailure() throws IOException {
        active(http(b -> b.hints(1, 0).retrySeconds(0)));
        assertThat(failureWith((post, body) -> {
                    throw new ConnectException("Connection refused");
                }))
                .isEqualTo("HttpEndpoint.ConnectionFailed A connection could not be established with the endpoint:"
                        + " ConnectException Connection refused");
    }

    @Test
    void aTooLargeAnswerIsAFailure() throws IOException {
        active(http(b -> b.hints(1, 0).retrySeconds(0)));
        assertThat(failureWith((post, body) -> new EndpointPort.Answer(200, Map.of(), new byte[10], true)))
                .startsWith("HttpEndpoint.ResponseTooLarge ");
    }

    @Test
    void a413IsPermanentAndWritesNoErrorObject() {
        active(http(b -> b.hints(1, 0)));
        endpoint.script = (post, body) -> ScriptedEndpoint.json(413, "{\"errorMessage\":\"Payload too large\"}");
        fixture.put("events", "a");

        fixture.deliver();
        runFor(50);

        assertThat(endpoint.posts).hasSize(1);
        assertThat(keys()).isEmpty();
        assertThat(fixture.storedRecords(0)).isZero();
    }

    @Test
    void allDataWritesEveryRecordToTheBackupAsPut() {
        active(http(b -> b.hints(1, 0).backupMode("AllData")));
        fixture.put("events", "a\n");
        fixture.put("events", "b\n");

        fixture.deliver();

        assertThat(endpoint.posts).hasSize(1);
        assertThat(keys()).hasSize(1).allMatch(key -> key.startsWith("2026/12/02/17/events-1-"));
        assertThat(new String(fixture.body("backup", keys().get(0)), StandardCharsets.UTF_8))
                .isEqualTo("a\nb\n");
    }

    @Test
    void allDataBacksUpAndFailedRecordsGoUnderTheErrorPrefix() throws IOException {
        active(http(b -> b.hints(1, 0)
                .retrySeconds(0)
                .backupMode("AllData")
                .s3(new S3DestinationConfiguration(
                        ROLE, "arn:aws:s3:::backup", "all/", "failed/", null, null, null, null))));
        endpoint.script = (post, body) -> ScriptedEndpoint.json(500, "{}");
        fixture.put("events", "a");

        fixture.deliver();

        assertThat(keys()).hasSize(2);
        assertThat(keys()).anyMatch(key -> key.startsWith("all/2026/12/02/17/events-1-"));
        assertThat(keys()).anyMatch(key -> key.startsWith("failed/2026/12/02/17/events-1-"));
    }

    @Test
    void aLambdaProcessorTransformsTheRecordsBeforeTheyArePosted() {
        ScriptedFunction function = new ScriptedFunction();
        try (FirehoseFixture transformed = new FirehoseFixture(
                new MemoryStorageEngine(), FirehoseFixture.CONFIG, function.functions(), endpoint, clock)) {
            transformed.bucket("backup");
            transformed.firehose.createDeliveryStream(
                    ALICE, create("events", http(b -> b.hints(1, 0).processing(FirehoseTransformationTest.lambda()))));
            clock.advance(Duration.ofSeconds(1));
            transformed.put("events", "abc");

            transformed.deliver();

            assertThat(function.events).hasSize(1);
            assertThat(records(endpoint.posts.get(0).body())).containsExactly("ABC");
        }
    }

    @Test
    void aDeletedStreamStopsRetrying() {
        active(http(b -> b.hints(1, 0)));
        endpoint.script = (post, body) -> ScriptedEndpoint.json(500, "{}");
        fixture.put("events", "a");
        fixture.deliver();

        fixture.delete("events");
        runFor(100);

        assertThat(endpoint.posts).hasSize(1);
    }

    @Test
    void aRestartedEngineKeepsTheDestinationAndDeliversWhatWaited() {
        active(http(b -> b.hints(1, 60)));
        fixture.put("events", "kept");
        fixture.firehose.close();

        fixture.firehose = fixture.open();
        assertThat(describeHttp().endpointConfiguration()).isEqualTo(new HttpEndpointDescription(URL, "collector"));
        clock.advance(Duration.ofSeconds(60));
        fixture.deliver();

        assertThat(endpoint.posts).hasSize(1);
        assertThat(records(endpoint.posts.get(0).body())).containsExactly("kept");
        assertThat(endpoint.posts.get(0).post().headers()).containsEntry("X-Amz-Firehose-Access-Key", "secret-key");
    }
}

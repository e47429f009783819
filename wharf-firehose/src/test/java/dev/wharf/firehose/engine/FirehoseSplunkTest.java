package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.ROLE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.TestClock;
import dev.wharf.firehose.api.CreateDeliveryStreamRequest;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.firehose.api.S3DestinationUpdate;
import dev.wharf.firehose.api.SecretsManagerConfiguration;
import dev.wharf.firehose.api.SplunkBufferingHints;
import dev.wharf.firehose.api.SplunkDestinationConfiguration;
import dev.wharf.firehose.api.SplunkDestinationDescription;
import dev.wharf.firehose.api.SplunkDestinationUpdate;
import dev.wharf.firehose.api.SplunkRetryOptions;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import dev.wharf.s3.api.BucketShapes;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Splunk destination: its rules at CreateDeliveryStream and UpdateDestination, how it is described, and its
 * deliveries through a scripted HTTP Event Collector with the fake clock: the request, the indexer acknowledgment, the
 * retries and the S3 backup.
 */
class FirehoseSplunkTest {

    private static final String VALID = "1 validation error detected: ";
    private static final String MEMBER = "splunkDestinationConfiguration.";
    private static final String HEC = "https://hec.example.com:8088";
    private static final String TOKEN = "0a1b2c3d-0000-1111-2222-333344445555";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A HEC that the test scripts: it keeps every post and answers as {@link #script} says. */
    static final class ScriptedHec implements EndpointPort {

        /** What HEC answers to one post; it may throw to be unreachable. */
        interface Script {
            Answer answer(Post post) throws IOException;
        }

        record Seen(Post post, long atMillis) {
            String path() {
                return post.uri().getPath();
            }

            String body() {
                return new String(post.body(), StandardCharsets.UTF_8);
            }
        }

        final List<Seen> posts = new ArrayList<>();
        private final TestClock clock;
        private long nextAck;
        /** Whether the ack endpoint reports the acks indexed. */
        boolean indexed = true;

        Script script = this::accept;

        ScriptedHec(TestClock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized Answer post(Post post) throws IOException {
            posts.add(new Seen(post, clock.millis()));
            return script.answer(post);
        }

        Answer accept(Post post) throws IOException {
            if (post.uri().getPath().endsWith("/ack")) {
                JsonNode acks = JSON.readTree(post.body()).get("acks");
                return json(200, "{\"acks\":{\"" + acks.get(0).asLong() + "\":" + indexed + "}}");
            }
            return json(200, "{\"text\":\"Success\",\"code\":0,\"ackId\":" + nextAck++ + "}");
        }

        List<Seen> sends() {
            return posts.stream().filter(seen -> !seen.path().endsWith("/ack")).toList();
        }

        @Override
        public void close() {}
    }

    static EndpointPort.Answer json(int status, String body) {
        return new EndpointPort.Answer(
                status, Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8), false);
    }

    private final TestClock clock = new TestClock(FirehoseFixture.START);
    private final ScriptedHec hec = new ScriptedHec(clock);
    private final FirehoseFixture fixture = new FirehoseFixture(hec, clock);

    @AfterEach
    void close() {
        fixture.close();
    }

    static SplunkDestinationConfiguration splunk(
            @Nullable String type,
            @Nullable Integer ackSeconds,
            @Nullable Integer retrySeconds,
            @Nullable SplunkBufferingHints hints,
            @Nullable String backupMode) {
        return new SplunkDestinationConfiguration(
                HEC,
                type,
                TOKEN,
                ackSeconds,
                retrySeconds == null ? null : new SplunkRetryOptions(retrySeconds),
                backupMode,
                new S3DestinationConfiguration(ROLE, "arn:aws:s3:::backup", null, null, null, null, null, null),
                null,
                null,
                hints,
                null);
    }

    static CreateDeliveryStreamRequest create(String name, SplunkDestinationConfiguration destination) {
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
                destination,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private void active(SplunkDestinationConfiguration destination) {
        fixture.bucket("backup");
        fixture.firehose.createDeliveryStream(ALICE, create("events", destination));
        clock.advance(Duration.ofSeconds(1));
    }

    private void refused(SplunkDestinationConfiguration destination, FirehoseError error, String message) {
        assertError(() -> fixture.firehose.createDeliveryStream(ALICE, create("events", destination)), error, message);
    }

    private SplunkDestinationDescription describeSplunk() {
        return Objects.requireNonNull(
                Objects.requireNonNull(fixture.describe("events").destinations())
                        .get(0)
                        .splunkDestinationDescription());
    }

    private void update(SplunkDestinationUpdate update, String version) {
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
                        update,
                        null,
                        null,
                        null,
                        null));
    }

    private static SplunkDestinationUpdate backupMode(String mode) {
        return new SplunkDestinationUpdate(null, null, null, null, null, mode, null, null, null, null, null);
    }

    private List<JsonNode> errorLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (BucketShapes.ListedObject object : fixture.objects("backup")) {
            if (object.key().startsWith("splunk-failed/")) {
                for (String line :
                        new String(fixture.body("backup", object.key()), StandardCharsets.UTF_8).split("\n")) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }

    /** Moves the clock in steps of 100 ms and runs the due deliveries at each, {@code steps} times. */
    private void runFor(int steps) {
        for (int i = 0; i < steps; i++) {
            clock.advance(Duration.ofMillis(100));
            fixture.deliver();
        }
    }

    @Test
    void createChecksTheMembersAsTheModelConstrainsThem() {
        refused(
                splunk("Json", 179, 7201, null, null),
                FirehoseError.Validation,
                "3 validation errors detected: Value 'Json' at '" + MEMBER + "hECEndpointType' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [Raw, Event]; Value '179' at '" + MEMBER
                        + "hECAcknowledgmentTimeoutInSeconds' failed to satisfy constraint: Member must have value"
                        + " greater than or equal to 180; Value '7201' at '" + MEMBER + "retryOptions"
                        + ".durationInSeconds' failed to satisfy constraint: Member must have value less than or equal"
                        + " to 7200");
        refused(
                splunk("Raw", 601, null, new SplunkBufferingHints(61, 6), "AllData"),
                FirehoseError.Validation,
                "4 validation errors detected: Value '601' at '" + MEMBER + "hECAcknowledgmentTimeoutInSeconds' failed"
                        + " to satisfy constraint: Member must have value less than or equal to 600; Value 'AllData'"
                        + " at '" + MEMBER + "s3BackupMode' failed to satisfy constraint: Member must satisfy enum"
                        + " value set: [FailedEventsOnly, AllEvents]; Value '61' at '" + MEMBER + "bufferingHints"
                        + ".intervalInSeconds' failed to satisfy constraint: Member must have value less than or equal"
                        + " to 60; Value '6' at '" + MEMBER + "bufferingHints.sizeInMBs' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 5");
        refused(
                new SplunkDestinationConfiguration(null, null, TOKEN, null, null, null, null, null, null, null, null),
                FirehoseError.Validation,
                "3 validation errors detected: Value null at '" + MEMBER + "hECEndpoint' failed to satisfy constraint:"
                        + " Member must not be null; Value null at '" + MEMBER + "hECEndpointType' failed to satisfy"
                        + " constraint: Member must not be null; Value null at '" + MEMBER + "s3Configuration' failed"
                        + " to satisfy constraint: Member must not be null");
    }

    @Test
    void createRefusesWhatWharfCannotServe() {
        SplunkDestinationConfiguration given = splunk("Raw", null, null, null, null);
        refused(
                new SplunkDestinationConfiguration(
                        HEC,
                        "Raw",
                        null,
                        null,
                        null,
                        null,
                        given.s3Configuration(),
                        null,
                        null,
                        null,
                        new SecretsManagerConfiguration(
                                "arn:aws:secretsmanager:us-east-1:111111111111:secret:hec", null, true)),
                FirehoseError.InvalidArgument,
                "Wharf has no Secrets Manager; give the HECToken of the Splunk destination.");
        refused(
                new SplunkDestinationConfiguration(
                        HEC, "Raw", null, null, null, null, given.s3Configuration(), null, null, null, null),
                FirehoseError.InvalidArgument,
                "HECToken is required when SecretsManagerConfiguration is not enabled.");
        refused(
                new SplunkDestinationConfiguration(
                        "hec.example.com",
                        "Raw",
                        TOKEN,
                        null,
                        null,
                        null,
                        given.s3Configuration(),
                        null,
                        null,
                        null,
                        null),
                FirehoseError.InvalidArgument,
                "HECEndpoint hec.example.com is not a valid URL: Wharf posts to http:// or https:// endpoints with a"
                        + " host.");
    }

    @Test
    void describeShowsTheDefaultsAndTheToken() {
        active(splunk("Event", null, null, null, null));

        SplunkDestinationDescription splunk = describeSplunk();
        assertThat(splunk.hECEndpoint()).isEqualTo(HEC);
        assertThat(splunk.hECEndpointType()).isEqualTo("Event");
        assertThat(splunk.hECToken()).isEqualTo(TOKEN);
        assertThat(splunk.hECAcknowledgmentTimeoutInSeconds()).isEqualTo(180);
        assertThat(splunk.retryOptions()).isEqualTo(new SplunkRetryOptions(3600));
        assertThat(splunk.s3BackupMode()).isEqualTo("FailedEventsOnly");
        assertThat(splunk.bufferingHints()).isEqualTo(new SplunkBufferingHints(60, 5));
        assertThat(Objects.requireNonNull(splunk.s3DestinationDescription()).bucketARN())
                .isEqualTo("arn:aws:s3:::backup");
        assertThat(Objects.requireNonNull(fixture.describe("events").destinations())
                        .get(0)
                        .extendedS3DestinationDescription())
                .isNull();
    }

    @Test
    void updateMergesTheMembersItNamesAndKeepsAllEvents() {
        active(splunk("Raw", 300, 60, new SplunkBufferingHints(10, 1), null));

        update(
                new SplunkDestinationUpdate(
                        null,
                        "Event",
                        null,
                        null,
                        null,
                        "AllEvents",
                        new S3DestinationUpdate(null, null, "all/", null, null, null, null, null),
                        null,
                        null,
                        new SplunkBufferingHints(null, 2),
                        null),
                "1");

        SplunkDestinationDescription splunk = describeSplunk();
        assertThat(fixture.describe("events").versionId()).isEqualTo("2");
        assertThat(splunk.hECEndpointType()).isEqualTo("Event");
        assertThat(splunk.hECToken()).isEqualTo(TOKEN);
        assertThat(splunk.hECAcknowledgmentTimeoutInSeconds()).isEqualTo(300);
        assertThat(splunk.retryOptions()).isEqualTo(new SplunkRetryOptions(60));
        assertThat(splunk.bufferingHints()).isEqualTo(new SplunkBufferingHints(10, 2));
        assertThat(splunk.s3BackupMode()).isEqualTo("AllEvents");
        assertThat(Objects.requireNonNull(splunk.s3DestinationDescription()).prefix())
                .isEqualTo("all/");

        assertError(
                () -> update(backupMode("FailedEventsOnly"), "2"),
                FirehoseError.InvalidArgument,
                "S3BackupMode cannot be changed from AllEvents to FailedEventsOnly.");
        assertError(
                () -> update(
                        new SplunkDestinationUpdate(null, null, null, 100, null, null, null, null, null, null, null),
                        "2"),
                FirehoseError.Validation,
                VALID + "Value '100' at 'splunkDestinationUpdate.hECAcknowledgmentTimeoutInSeconds' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 180");
        assertError(
                () -> fixture.firehose.updateDestination(
                        ALICE,
                        new UpdateDestinationRequest(
                                "events",
                                "2",
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
                "Changing the destination type to or from Splunk is not supported at this time.");
    }

    @Test
    void deliversEventsAndWaitsForTheirAcknowledgment() {
        active(splunk("Event", null, null, new SplunkBufferingHints(0, 1), null));
        hec.indexed = false;
        fixture.put("events", "{\"event\":\"one\"}");
        fixture.put("events", "{\"event\":\"two\"}");

        fixture.deliver();

        ScriptedHec.Seen sent = hec.posts.get(0);
        assertThat(sent.path()).isEqualTo("/services/collector/event");
        assertThat(sent.post().uri()).hasToString(HEC + "/services/collector/event");
        assertThat(sent.post().headers())
                .containsEntry("Authorization", "Splunk " + TOKEN)
                .containsEntry("Content-Type", "application/json");
        String channel = sent.post().headers().get("X-Splunk-Request-Channel");
        assertThat(channel).matches("[0-9a-f-]{36}");
        assertThat(sent.body()).isEqualTo("{\"event\":\"one\"}{\"event\":\"two\"}");
        assertThat(sent.post().timeout()).isEqualTo(Duration.ofSeconds(180));
        // Not acknowledged yet: the records wait in the store, and the ack is asked every second on the channel.
        runFor(25);
        assertThat(fixture.storedRecords(0)).isEqualTo(2);
        List<ScriptedHec.Seen> acks =
                hec.posts.stream().filter(seen -> seen.path().endsWith("/ack")).toList();
        assertThat(acks).hasSize(2);
        assertThat(acks.get(0).atMillis() - sent.atMillis()).isEqualTo(1000);
        assertThat(acks.get(0).body()).isEqualTo("{\"acks\":[0]}");
        assertThat(acks.get(0).post().uri()).hasToString(HEC + "/services/collector/ack");
        assertThat(acks.get(0).post().headers())
                .containsEntry("X-Splunk-Request-Channel", channel)
                .containsEntry("Authorization", "Splunk " + TOKEN);

        hec.indexed = true;
        runFor(10);
        assertThat(fixture.storedRecords(0)).isZero();
        assertThat(hec.sends()).hasSize(1);
        assertThat(fixture.objects("backup")).isEmpty();

        fixture.put("events", "{\"event\":\"three\"}");
        fixture.deliver();
        assertThat(hec.sends()).hasSize(2);
        assertThat(hec.sends().get(1).post().headers()).containsEntry("X-Splunk-Request-Channel", channel);
    }

    @Test
    void rawEventsGoToTheRawEndpoint() {
        active(splunk("Raw", null, null, new SplunkBufferingHints(0, 1), null));
        fixture.put("events", "line one\n");
        fixture.put("events", "line two\n");

        fixture.deliver();
        runFor(10);

        assertThat(hec.sends()).hasSize(1);
        assertThat(hec.sends().get(0).post().uri()).hasToString(HEC + "/services/collector/raw");
        assertThat(hec.sends().get(0).body()).isEqualTo("line one\nline two\n");
        assertThat(fixture.storedRecords(0)).isZero();
    }

    @Test
    void anAcknowledgmentThatTimesOutIsRetriedThenBackedUp() throws IOException {
        active(splunk("Event", 180, 1, new SplunkBufferingHints(0, 1), null));
        hec.indexed = false;
        fixture.put("events", "{\"event\":\"lost\"}");
        long arrival = clock.millis();

        fixture.deliver();
        // Each attempt waits 180 s for its acknowledgment; the 1 s of retries is spent between them (after one back-off
        // of 1 s, or two when the jitter shortened the first).
        for (int i = 0; i < 800; i++) {
            clock.advance(Duration.ofSeconds(1));
            fixture.deliver();
        }

        List<ScriptedHec.Seen> sends = hec.sends();
        assertThat(sends.size()).isBetween(2, 3);
        assertThat(sends.get(1).atMillis() - sends.get(0).atMillis()).isBetween(181_000L, 182_000L);
        List<JsonNode> lines = errorLines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.get("attemptsMade").asInt()).isEqualTo(sends.size());
        assertThat(line.get("arrivalTimestamp").asLong()).isEqualTo(arrival);
        assertThat(line.get("errorCode").asText()).isEqualTo("Splunk.AckTimeout");
        assertThat(line.get("errorMessage").asText())
                .startsWith("Did not receive an acknowledgement from HEC before the HEC acknowledgement timeout");
        assertThat(new String(Base64.getDecoder().decode(line.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"event\":\"lost\"}");
        assertThat(fixture.storedRecords(0)).isZero();
    }

    @Test
    void hecErrorsAreRetriedWithBackOffThenBackedUp() throws IOException {
        active(splunk("Event", null, 10, new SplunkBufferingHints(0, 1), null));
        hec.script = post -> json(403, "{\"text\":\"Invalid token\",\"code\":4}");
        fixture.put("events", "{\"event\":\"a\"}");

        fixture.deliver();
        runFor(200);

        List<ScriptedHec.Seen> sends = hec.sends();
        assertThat(sends).hasSize(5);
        assertThat(sends.get(1).atMillis() - sends.get(0).atMillis()).isBetween(850L, 1250L);
        assertThat(sends.get(4).atMillis() - sends.get(0).atMillis()).isBetween(10_000L, 10_400L);
        List<JsonNode> lines = errorLines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("errorCode").asText()).isEqualTo("Splunk.InvalidToken");
        assertThat(lines.get(0).get("errorMessage").asText())
                .isEqualTo("The HEC token is invalid. Update Kinesis Firehose with a valid HEC token.");
        assertThat(lines.get(0).get("attemptsMade").asInt()).isEqualTo(5);
    }

    @Test
    void answersAreJudgedAsFirehoseNamesTheirErrors() {
        assertThat(SplunkSink.judged(json(200, "{\"text\":\"Success\",\"code\":0,\"ackId\":7}")))
                .isEqualTo(7L);
        assertThat(SplunkSink.judged(json(200, "{\"text\":\"Success\",\"code\":0}")))
                .isEqualTo(SplunkSink.failure("Splunk.DisabledAck"));
        assertThat(SplunkSink.judged(json(403, "{\"text\":\"Token disabled\",\"code\":1}")))
                .isEqualTo(SplunkSink.failure("Splunk.DisabledToken"));
        assertThat(SplunkSink.judged(json(400, "{\"text\":\"Invalid data format\",\"code\":6}")))
                .isEqualTo(SplunkSink.failure("Splunk.InvalidDataFormat"));
        assertThat(SplunkSink.judged(json(400, "{\"text\":\"Incorrect index\",\"code\":7}")))
                .isEqualTo(SplunkSink.failure("Splunk.InvalidIndex"));
        assertThat(SplunkSink.judged(json(503, "busy"))).isEqualTo(SplunkSink.failure("Splunk.ServerError"));
    }

    @Test
    void anUnreachableHecIsAnInvalidEndpoint() throws IOException {
        active(splunk("Event", null, 0, new SplunkBufferingHints(0, 1), null));
        hec.script = post -> {
            throw new ConnectException("Connection refused");
        };
        fixture.put("events", "{\"event\":\"a\"}");

        fixture.deliver();

        List<JsonNode> lines = errorLines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("errorCode").asText()).isEqualTo("Splunk.InvalidEndpoint");
        assertThat(lines.get(0).get("attemptsMade").asInt()).isEqualTo(1);
    }

    @Test
    void allEventsBacksUpEveryRecord() {
        active(splunk("Raw", null, null, new SplunkBufferingHints(0, 1), "AllEvents"));
        fixture.put("events", "kept\n");

        fixture.deliver();
        runFor(15);

        assertThat(fixture.storedRecords(0)).isZero();
        List<BucketShapes.ListedObject> objects = fixture.objects("backup");
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).key()).startsWith("2026/12/02/17/events-1-");
        assertThat(new String(fixture.body("backup", objects.get(0).key()), StandardCharsets.UTF_8))
                .isEqualTo("kept\n");
        java.util.Map<dev.wharf.firehose.api.FirehoseMetric, dev.wharf.firehose.api.StatisticSet> metrics =
                fixture.firehose.metricsSnapshot().getFirst().metrics();
        assertThat(java.util.Objects.requireNonNull(
                                metrics.get(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_SPLUNK_RECORDS))
                        .sum())
                .isEqualTo(1);
        assertThat(java.util.Objects.requireNonNull(
                                metrics.get(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_SPLUNK_SUCCESS))
                        .sum())
                .as("the tries that waited for the acknowledgment count 0, the one that ended 1")
                .isEqualTo(1);
        assertThat(java.util.Objects.requireNonNull(
                                metrics.get(dev.wharf.firehose.api.FirehoseMetric.BACKUP_TO_S3_RECORDS))
                        .sum())
                .isEqualTo(1);
        assertThat(metrics).doesNotContainKey(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_S3_SUCCESS);
    }
}

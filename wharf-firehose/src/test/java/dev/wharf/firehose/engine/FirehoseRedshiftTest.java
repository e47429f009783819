package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.ROLE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.common.TestClock;
import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.CloudWatchLoggingOptions;
import dev.wharf.firehose.api.CopyCommand;
import dev.wharf.firehose.api.CreateDeliveryStreamRequest;
import dev.wharf.firehose.api.DeliveryStreamDescription;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.HttpEndpointDestinationUpdate;
import dev.wharf.firehose.api.ProcessingConfiguration;
import dev.wharf.firehose.api.Processor;
import dev.wharf.firehose.api.ProcessorParameter;
import dev.wharf.firehose.api.RedshiftDestinationConfiguration;
import dev.wharf.firehose.api.RedshiftDestinationDescription;
import dev.wharf.firehose.api.RedshiftDestinationUpdate;
import dev.wharf.firehose.api.RedshiftRetryOptions;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.firehose.api.S3DestinationDescription;
import dev.wharf.firehose.api.S3DestinationUpdate;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import dev.wharf.s3.api.BucketShapes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redshift destination through the engine, with a scripted table loader and the fake clock: its rules at
 * CreateDeliveryStream and UpdateDestination, how it is described, and its deliveries (staged, then loaded), the retries
 * of a failing load within RetryOptions and the manifest of what was skipped after them.
 */
class FirehoseRedshiftTest {

    private static final String CLUSTER = "warehouse.abc123.us-east-1.redshift.amazonaws.com:5439";
    private static final String URL = "jdbc:redshift://" + CLUSTER + "/dev";
    private static final String MEMBER = "redshiftDestinationConfiguration.";
    private static final String VALID = "1 validation error detected: ";

    /** One load the scripted loader was asked for. */
    record Seen(long atMillis, TableLoader.Load load, String data) {}

    private final TestClock clock = new TestClock(FirehoseFixture.START);
    private final List<Seen> loads = new ArrayList<>();
    private @Nullable String refusal;
    private final TableLoader loader = (load, data) -> {
        String text;
        try {
            text = new String(data.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loads.add(new Seen(clock.millis(), load, text));
        if (refusal != null) {
            throw new TableLoader.LoadFailedException(refusal);
        }
        return text.isEmpty() ? 0 : text.split("\n", -1).length;
    };
    private final FirehoseFixture fixture = new FirehoseFixture(
            FirehoseFixture.CONFIG.withRedshiftClusters(Map.of(CLUSTER, "127.0.0.1:5432")), loader, clock);

    @AfterEach
    void close() {
        fixture.close();
    }

    private static RedshiftDestinationConfiguration redshift(
            @Nullable Integer retrySeconds, @Nullable ProcessingConfiguration processing) {
        return new RedshiftDestinationConfiguration(
                ROLE,
                URL,
                new CopyCommand("events", "id,name", "json 'auto'"),
                "loader",
                "secret-password",
                retrySeconds == null ? null : new RedshiftRetryOptions(retrySeconds),
                new S3DestinationConfiguration(
                        ROLE, "arn:aws:s3:::staging", "stage/", null, new BufferingHints(1, 60), null, null, null),
                processing,
                null,
                null,
                null,
                null);
    }

    private static CreateDeliveryStreamRequest create(RedshiftDestinationConfiguration destination) {
        return CreateRequestBuilder.named("events").redshift(destination).build();
    }

    private void active(RedshiftDestinationConfiguration destination) {
        fixture.bucket("staging");
        fixture.firehose.createDeliveryStream(ALICE, create(destination));
        clock.advance(Duration.ofSeconds(1));
    }

    private void refused(RedshiftDestinationConfiguration destination, FirehoseError error, String message) {
        assertError(() -> fixture.firehose.createDeliveryStream(ALICE, create(destination)), error, message);
    }

    private RedshiftDestinationDescription describeRedshift() {
        return Objects.requireNonNull(
                Objects.requireNonNull(fixture.describe("events").destinations())
                        .getFirst()
                        .redshiftDestinationDescription());
    }

    private List<String> keys() {
        return fixture.objects("staging").stream()
                .map(BucketShapes.ListedObject::key)
                .toList();
    }

    private void update(RedshiftDestinationUpdate update, String version) {
        fixture.firehose.updateDestination(
                ALICE,
                new UpdateDestinationRequest(
                        "events",
                        version,
                        FirehoseEngine.DESTINATION,
                        null,
                        null,
                        update,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    private static RedshiftDestinationUpdate copyUpdate(
            @Nullable CopyCommand copy, @Nullable Integer retrySeconds, @Nullable S3DestinationUpdate s3) {
        return new RedshiftDestinationUpdate(
                null,
                null,
                copy,
                null,
                null,
                retrySeconds == null ? null : new RedshiftRetryOptions(retrySeconds),
                s3,
                null,
                null,
                null,
                null,
                null);
    }

    /** Moves the clock a second at a time, running the due deliveries at each. */
    private void runFor(int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            fixture.deliver();
        }
    }

    @Test
    void createChecksTheMembersAsTheModelConstrainsThem() {
        refused(
                redshift(7201, null),
                FirehoseError.Validation,
                VALID + "Value '7201' at '" + MEMBER + "retryOptions.durationInSeconds' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 7200");
        RedshiftDestinationConfiguration given = redshift(null, null);
        refused(
                new RedshiftDestinationConfiguration(
                        given.roleARN(),
                        "jdbc:redshift://localhost:5432/dev",
                        given.copyCommand(),
                        given.username(),
                        "short",
                        null,
                        given.s3Configuration(),
                        null,
                        "Sometimes",
                        null,
                        null,
                        null),
                FirehoseError.Validation,
                "3 validation errors detected: Value 'jdbc:redshift://localhost:5432/dev' at '" + MEMBER
                        + "clusterJDBCURL' failed to satisfy constraint: Member must satisfy regular expression"
                        + " pattern: jdbc:(redshift|postgresql)://((?!-)[A-Za-z0-9-]{1,63}(?<!-)\\.)+"
                        + "(redshift(-serverless)?)\\.([a-zA-Z0-9\\.\\-]+):\\d{1,5}/[a-zA-Z0-9_$-]+; Value at '"
                        + MEMBER + "password' failed to satisfy constraint: Member must have length greater than or"
                        + " equal to 6; Value 'Sometimes' at '" + MEMBER + "s3BackupMode' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [Disabled, Enabled]");
        assertThat(fixture.firehose
                        .listDeliveryStreams(
                                ALICE, FirehoseFixture.empty(dev.wharf.firehose.api.ListDeliveryStreamsRequest.class))
                        .deliveryStreamNames())
                .isEmpty();
    }

    @Test
    void describeShowsTheDefaultsAndTheStagingBucketButNeverThePassword() {
        active(redshift(null, null));
        DeliveryStreamDescription description = fixture.describe("events");
        assertThat(description.deliveryStreamStatus()).isEqualTo("ACTIVE");
        RedshiftDestinationDescription redshift = describeRedshift();
        assertThat(redshift.clusterJDBCURL()).isEqualTo(URL);
        assertThat(redshift.username()).isEqualTo("loader");
        assertThat(redshift.copyCommand()).isEqualTo(new CopyCommand("events", "id,name", "json 'auto'"));
        assertThat(redshift.retryOptions()).isEqualTo(new RedshiftRetryOptions(3600));
        assertThat(redshift.s3BackupMode()).isEqualTo("Disabled");
        assertThat(redshift.cloudWatchLoggingOptions()).isEqualTo(new CloudWatchLoggingOptions(false, null, null));
        S3DestinationDescription staging = Objects.requireNonNull(redshift.s3DestinationDescription());
        assertThat(staging.bucketARN()).isEqualTo("arn:aws:s3:::staging");
        assertThat(staging.prefix()).isEqualTo("stage/");
        assertThat(staging.bufferingHints()).isEqualTo(new BufferingHints(1, 60));
        assertThat(staging.compressionFormat()).isEqualTo("UNCOMPRESSED");
        assertThat(Objects.requireNonNull(description.destinations()).getFirst().extendedS3DestinationDescription())
                .isNull();
        assertThat(redshift.toString()).doesNotContain("secret-password");
    }

    @Test
    void updateMergesTheMembersItNamesAndKeepsThePassword() {
        active(redshift(60, null));
        update(
                copyUpdate(
                        new CopyCommand("public.orders", null, "json 'auto ignorecase'"),
                        null,
                        new S3DestinationUpdate(null, null, "staged/", null, null, null, null, null)),
                "1");
        assertThat(fixture.describe("events").versionId()).isEqualTo("2");
        RedshiftDestinationDescription redshift = describeRedshift();
        assertThat(redshift.copyCommand()).isEqualTo(new CopyCommand("public.orders", null, "json 'auto ignorecase'"));
        assertThat(redshift.retryOptions()).isEqualTo(new RedshiftRetryOptions(60));
        assertThat(Objects.requireNonNull(redshift.s3DestinationDescription()).prefix())
                .isEqualTo("staged/");

        fixture.put("events", "{\"id\":1}");
        runFor(60);
        assertThat(loads).singleElement().satisfies(seen -> {
            assertThat(seen.load().table()).isEqualTo("public.orders");
            assertThat(seen.load().columns()).isEmpty();
            assertThat(seen.load().password()).isEqualTo("secret-password");
            assertThat(seen.load().options().ignoreCase()).isTrue();
        });
        assertThat(keys()).singleElement().satisfies(key -> assertThat(key).startsWith("staged/"));
    }

    @Test
    void updateChecksTheVersionTheMergeAndTheType() {
        active(redshift(null, null));
        assertError(
                () -> update(copyUpdate(null, 60, null), "7"),
                FirehoseError.ConcurrentModification,
                "Cannot update firehose: events since the current version id: 1 and specified version id: 7 do not"
                        + " match");
        assertError(
                () -> update(copyUpdate(null, 7201, null), "1"),
                FirehoseError.Validation,
                VALID + "Value '7201' at 'redshiftDestinationUpdate.retryOptions.durationInSeconds' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 7200");
        assertError(
                () -> fixture.firehose.updateDestination(
                        ALICE,
                        new UpdateDestinationRequest(
                                "events",
                                "1",
                                FirehoseEngine.DESTINATION,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                FirehoseFixture.empty(HttpEndpointDestinationUpdate.class),
                                null,
                                null,
                                null)),
                FirehoseError.InvalidArgument,
                "Changing the destination type to or from Redshift is not supported at this time.");
        assertThat(fixture.describe("events").versionId()).isEqualTo("1");
    }

    @Test
    void aBufferIsStagedThenLoadedIntoTheMappedServer() {
        active(redshift(null, null));
        fixture.put("events", "{\"id\":1,\"name\":\"a\"}");
        fixture.put("events", "{\"id\":2,\"name\":\"b\"}");
        runFor(59);
        assertThat(loads).isEmpty();
        runFor(1);

        assertThat(loads).singleElement().satisfies(seen -> {
            assertThat(seen.load().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/dev");
            assertThat(seen.load().username()).isEqualTo("loader");
            assertThat(seen.load().password()).isEqualTo("secret-password");
            assertThat(seen.load().table()).isEqualTo("events");
            assertThat(seen.load().columns()).containsExactly("id", "name");
            assertThat(seen.data()).isEqualTo("{\"id\":1,\"name\":\"a\"}{\"id\":2,\"name\":\"b\"}");
        });
        assertThat(keys()).singleElement().satisfies(key -> {
            assertThat(key).startsWith("stage/2026/12/02/17/events-1-");
            assertThat(new String(fixture.body("staging", key), StandardCharsets.UTF_8))
                    .isEqualTo(loads.getFirst().data());
        });
        assertThat(fixture.storedRecords(streamId())).isZero();
    }

    @Test
    void processorsRunBeforeStagingAndTheLoadReadsWhatWasStaged() {
        active(redshift(
                null,
                new ProcessingConfiguration(
                        true,
                        List.of(new Processor(
                                "AppendDelimiterToRecord", List.of(new ProcessorParameter("Delimiter", "Cg==")))))));
        fixture.put("events", "{\"id\":1}");
        fixture.put("events", "{\"id\":2}");
        runFor(60);

        assertThat(loads).singleElement().satisfies(seen -> assertThat(seen.data())
                .isEqualTo("{\"id\":1}\n{\"id\":2}\n"));
        assertThat(new String(fixture.body("staging", keys().getFirst()), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1}\n{\"id\":2}\n");
    }

    @Test
    void aFailingLoadIsRetriedWithinRetryOptionsThenTheStagedObjectIsSkippedWithAManifest() throws IOException {
        active(redshift(20, null));
        refusal = "relation \"events\" does not exist";
        fixture.put("events", "{\"id\":1}");
        runFor(60);
        long first = loads.getFirst().atMillis();
        runFor(30);

        // Attempts every 5 s (the engine's retry interval) until 20 s after the first: at 0, 5, 10, 15 and 20 s.
        assertThat(loads)
                .extracting(seen -> seen.atMillis() - first)
                .containsExactly(0L, 5_000L, 10_000L, 15_000L, 20_000L);
        List<String> keys = keys();
        assertThat(keys).hasSize(2);
        String staged = keys.stream()
                .filter(key -> key.startsWith("stage/"))
                .findFirst()
                .orElseThrow();
        String manifest = keys.stream()
                .filter(key -> key.startsWith("errors/manifests/2026/12/02/17/events-1-"))
                .findFirst()
                .orElseThrow();
        JsonNode entries = JsonMapper.builder().build().readTree(fixture.body("staging", manifest));
        assertThat(entries.toString())
                .isEqualTo("{\"entries\":[{\"url\":\"s3://staging/" + staged + "\",\"mandatory\":true}]}");
        assertThat(fixture.storedRecords(streamId())).isZero();

        // The next buffer loads on its own.
        refusal = null;
        fixture.put("events", "{\"id\":2}");
        runFor(60);
        assertThat(loads.getLast().data()).isEqualTo("{\"id\":2}");
        assertThat(keys()).hasSize(3);
    }

    @Test
    void aLoadThatSucceedsOnARetryLoadsTheSameStagedObjectOnce() {
        active(redshift(null, null));
        refusal = "the cluster is under maintenance";
        fixture.put("events", "{\"id\":1}");
        runFor(60);
        assertThat(loads).hasSize(1);
        refusal = null;
        runFor(5);

        assertThat(loads).hasSize(2);
        assertThat(loads.getLast().data()).isEqualTo("{\"id\":1}");
        assertThat(keys()).singleElement().satisfies(key -> assertThat(key).startsWith("stage/"));
        runFor(60);
        assertThat(loads).hasSize(2);
    }

    @Test
    void sourceRecordsAreBackedUpOnceWhileTheLoadIsRetried() {
        RedshiftDestinationConfiguration given = redshift(null, null);
        fixture.bucket("raw");
        active(new RedshiftDestinationConfiguration(
                given.roleARN(),
                given.clusterJDBCURL(),
                given.copyCommand(),
                given.username(),
                given.password(),
                null,
                given.s3Configuration(),
                null,
                "Enabled",
                new S3DestinationConfiguration(ROLE, "arn:aws:s3:::raw", "source/", null, null, null, null, null),
                null,
                null));
        assertThat(describeRedshift().s3BackupMode()).isEqualTo("Enabled");
        assertThat(Objects.requireNonNull(describeRedshift().s3BackupDescription())
                        .prefix())
                .isEqualTo("source/");
        refusal = "the cluster is under maintenance";
        fixture.put("events", "{\"id\":1}");
        fixture.put("events", "{\"id\":2}");
        runFor(60);
        refusal = null;
        runFor(5);

        assertThat(loads).hasSize(2);
        assertThat(loads.getLast().data()).isEqualTo("{\"id\":1}{\"id\":2}");
        assertThat(keys()).singleElement().satisfies(key -> assertThat(key).startsWith("stage/"));
        assertThat(fixture.objects("raw")).singleElement().satisfies(object -> {
            assertThat(object.key()).startsWith("source/2026/12/02/17/events-1-");
            assertThat(new String(fixture.body("raw", object.key()), StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":1}{\"id\":2}");
        });
        java.util.Map<dev.wharf.firehose.api.FirehoseMetric, dev.wharf.firehose.api.StatisticSet> metrics =
                fixture.firehose.metricsSnapshot().getFirst().metrics();
        assertThat(metrics.get(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_REDSHIFT_SUCCESS))
                .as("a COPY refused, then one that loaded")
                .isEqualTo(new dev.wharf.firehose.api.StatisticSet(2, 1, 0, 1));
        assertThat(java.util.Objects.requireNonNull(
                                metrics.get(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_REDSHIFT_RECORDS))
                        .sum())
                .isEqualTo(2);
        assertThat(java.util.Objects.requireNonNull(
                                metrics.get(dev.wharf.firehose.api.FirehoseMetric.BACKUP_TO_S3_RECORDS))
                        .sum())
                .isEqualTo(2);
        assertError(
                () -> update(
                        new RedshiftDestinationUpdate(
                                null, null, null, null, null, null, null, null, "Disabled", null, null, null),
                        "1"),
                FirehoseError.InvalidArgument,
                "S3BackupMode cannot be changed from Enabled to Disabled.");
    }

    @Test
    void aRetryDurationOfZeroSkipsAfterTheFirstFailure() {
        active(redshift(0, null));
        refusal = "permission denied for relation events";
        fixture.put("events", "{\"id\":1}");
        runFor(60);
        runFor(30);
        assertThat(loads).hasSize(1);
        assertThat(keys()).anySatisfy(key -> assertThat(key).startsWith("errors/manifests/"));
    }

    @Test
    void anErrorOutputPrefixNamesTheManifestsKey() {
        RedshiftDestinationConfiguration given = redshift(0, null);
        active(new RedshiftDestinationConfiguration(
                given.roleARN(),
                given.clusterJDBCURL(),
                given.copyCommand(),
                given.username(),
                given.password(),
                given.retryOptions(),
                new S3DestinationConfiguration(
                        ROLE,
                        "arn:aws:s3:::staging",
                        "stage/",
                        "failed/!{firehose:error-output-type}/",
                        new BufferingHints(1, 60),
                        null,
                        null,
                        null),
                null,
                null,
                null,
                null,
                null));
        refusal = "no";
        fixture.put("events", "{}");
        runFor(60);
        assertThat(keys()).anySatisfy(key -> assertThat(key).startsWith("failed/redshift-failed/2026/12/02/17/"));
    }

    @Test
    void aRestartedEngineKeepsTheDestinationAndLoadsWhatWaited() {
        active(redshift(null, null));
        fixture.put("events", "{\"id\":1}");
        fixture.firehose.close();

        fixture.firehose = fixture.open();
        assertThat(describeRedshift().clusterJDBCURL()).isEqualTo(URL);
        runFor(60);

        assertThat(loads).singleElement().satisfies(seen -> {
            assertThat(seen.data()).isEqualTo("{\"id\":1}");
            assertThat(seen.load().password()).isEqualTo("secret-password");
        });
    }

    /** The id of the test's only stream: the first stream of a new store. */
    private static long streamId() {
        return 0;
    }
}

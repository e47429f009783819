package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.ROLE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.DeliveryStreamDescription;
import dev.wharf.firehose.api.DeliveryStreamEncryptionConfigurationInput;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.KinesisStreamSourceConfiguration;
import dev.wharf.firehose.api.KinesisStreamSourceDescription;
import dev.wharf.firehose.api.ListDeliveryStreamsRequest;
import dev.wharf.firehose.api.StreamRecord;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.GetRecordsRequest;
import dev.wharf.kinesis.api.GetShardIteratorRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.PutRecordRequest;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.engine.KinesisConfig;
import dev.wharf.kinesis.engine.KinesisEngine;
import dev.wharf.s3.api.BucketShapes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery streams whose source is a Kinesis stream, read from a real Kinesis engine over the same store with the
 * same fake clock: where reading starts, checkpoints across restarts, resharding, throttling, and the refusals.
 */
class FirehoseKinesisSourceTest {

    private static final KinesisContext KINESIS = new KinesisContext("111111111111", "us-east-1");
    private static final String ARN = "arn:aws:kinesis:us-east-1:111111111111:stream/source";
    private static final String PUT_REFUSED =
            "This operation is not permitted on KinesisStreamAsSource delivery stream type.";

    private final FirehoseFixture fixture = new FirehoseFixture();
    private final KinesisEngine kinesis = new KinesisEngine(
            fixture.clock, new KinesisConfig(Duration.ofMillis(500), 50, true), fixture.storage.streams());

    @BeforeEach
    void engineWithKinesis() {
        fixture.firehose.close();
        fixture.firehose = open();
        fixture.bucket("logs");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private FirehoseEngine open() {
        return new FirehoseEngine(
                fixture.storage.deliveryStreams(),
                fixture.s3,
                fixture.clock,
                fixture.config,
                "us-east-1",
                Runnable::run,
                new Random(7),
                false,
                FirehosePorts.NONE.withKinesis(kinesis));
    }

    private void stream(int shards) {
        kinesis.createStream(KINESIS, new CreateStreamRequest("source", shards, null, null, null, null));
        fixture.clock.advance(Duration.ofSeconds(1));
    }

    private void putKinesis(String data, String hashKey) {
        kinesis.putRecord(
                KINESIS,
                new PutRecordRequest("source", data.getBytes(StandardCharsets.UTF_8), "k", hashKey, null, null, null));
    }

    private void putKinesis(String data) {
        putKinesis(data, "0");
    }

    private static CreateRequestBuilder sourced(String name) {
        return CreateRequestBuilder.named(name)
                .type("KinesisStreamAsSource")
                .kinesisSource(new KinesisStreamSourceConfiguration(ARN, ROLE))
                .extended(extended("logs", null, 1, 60, "UNCOMPRESSED"));
    }

    /** Creates a sourced delivery stream and lets its CREATING time pass. */
    private void createSourced(String name) {
        fixture.firehose.createDeliveryStream(ALICE, sourced(name).build());
        fixture.clock.advance(Duration.ofSeconds(1));
    }

    /** A second passes, the sources are read, the interval passes, and what is buffered is delivered. */
    private void readAndDeliver() {
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.firehose.runSources();
        fixture.clock.advance(Duration.ofSeconds(61));
        fixture.deliver();
    }

    /** Every delivered object's body, in key order, as text. */
    private List<String> delivered() {
        List<String> bodies = new ArrayList<>();
        for (BucketShapes.ListedObject object : Objects.requireNonNull(fixture.objects("logs"))) {
            bodies.add(new String(fixture.body("logs", Objects.requireNonNull(object.key())), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    @Test
    void readsWhatIsPutAfterTheDeliveryStreamIsCreatedAndDeliversIt() {
        stream(1);
        putKinesis("before|");
        fixture.clock.advance(Duration.ofMillis(1));
        createSourced("sourced");
        putKinesis("a|");
        putKinesis("b|");

        readAndDeliver();

        assertThat(delivered()).containsExactly("a|b|");
    }

    @Test
    void eachReadThatFindsRecordsIsOneSampleOfDataReadFromKinesisStream() {
        stream(1);
        createSourced("sourced");
        putKinesis("a|");
        putKinesis("bc|");
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.firehose.runSources();
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.firehose.runSources();

        List<dev.wharf.firehose.api.DeliveryStreamMetrics> snapshot = fixture.firehose.metricsSnapshot();
        assertThat(snapshot).hasSize(1);
        assertThat(snapshot.getFirst().metrics())
                .as("the second read found nothing; a sourced stream has no puts")
                .isEqualTo(java.util.Map.of(
                        dev.wharf.firehose.api.FirehoseMetric.DATA_READ_FROM_KINESIS_STREAM_BYTES,
                        new dev.wharf.firehose.api.StatisticSet(1, 5, 5, 5),
                        dev.wharf.firehose.api.FirehoseMetric.DATA_READ_FROM_KINESIS_STREAM_RECORDS,
                        new dev.wharf.firehose.api.StatisticSet(1, 2, 2, 2)));
    }

    @Test
    void describeShowsTheSourceAndPutsAreRefused() {
        stream(1);
        long created = fixture.clock.millis();
        createSourced("sourced");

        DeliveryStreamDescription description = fixture.describe("sourced");
        assertThat(description.deliveryStreamType()).isEqualTo("KinesisStreamAsSource");
        KinesisStreamSourceDescription source = Objects.requireNonNull(
                Objects.requireNonNull(description.source()).kinesisStreamSourceDescription());
        assertThat(source.kinesisStreamARN()).isEqualTo(ARN);
        assertThat(source.roleARN()).isEqualTo(ROLE);
        assertThat(Objects.requireNonNull(source.deliveryStartTimestamp()).toEpochMilli())
                .isEqualTo(created);
        assertError(() -> fixture.put("sourced", "x"), FirehoseError.InvalidArgument, PUT_REFUSED);
        assertError(
                () -> fixture.putBatch("sourced", List.of("x".getBytes(StandardCharsets.UTF_8))),
                FirehoseError.InvalidArgument,
                PUT_REFUSED);
        assertThat(fixture.firehose
                        .listDeliveryStreams(ALICE, new ListDeliveryStreamsRequest(null, "KinesisStreamAsSource", null))
                        .deliveryStreamNames())
                .containsExactly("sourced");
        assertThat(new StreamRecord(new byte[0]).data()).isEmpty();
    }

    @Test
    void createRefusesAMissingStreamAMissingConfigurationAndEncryption() {
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE, sourced("sourced").build()),
                FirehoseError.InvalidArgument,
                "Kinesis stream " + ARN + " does not exist or is not ACTIVE.");
        stream(1);
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE,
                        CreateRequestBuilder.named("sourced")
                                .type("KinesisStreamAsSource")
                                .extended(extended("logs", null, 1, 60, "UNCOMPRESSED"))
                                .build()),
                FirehoseError.InvalidArgument,
                "KinesisStreamSourceConfiguration is required with the KinesisStreamAsSource type.");
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE,
                        sourced("sourced")
                                .encryption(new DeliveryStreamEncryptionConfigurationInput(null, "AWS_OWNED_CMK"))
                                .build()),
                FirehoseError.InvalidArgument,
                "Server-side encryption cannot be set on a delivery stream whose source is a Kinesis stream;"
                        + " encrypt the Kinesis stream instead.");
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE,
                        CreateRequestBuilder.named("sourced")
                                .type("KinesisStreamAsSource")
                                .kinesisSource(new KinesisStreamSourceConfiguration(ARN, null))
                                .extended(extended("logs", null, 1, 60, "UNCOMPRESSED"))
                                .build()),
                FirehoseError.Validation,
                "1 validation error detected: Value null at 'kinesisStreamSourceConfiguration.roleARN' failed to"
                        + " satisfy constraint: Member must not be null");
    }

    @Test
    void aRestartResumesFromTheCheckpointsNeitherLosingNorRepeating() {
        stream(2);
        createSourced("sourced");
        putKinesis("a|", "0");
        putKinesis("b|", BigInteger.ONE.shiftLeft(127).toString());
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.firehose.runSources();
        // Killed before the delivery: the records and the checkpoints were committed together.
        fixture.firehose.close();
        fixture.firehose = open();
        putKinesis("c|", "0");

        readAndDeliver();

        List<String> bodies = delivered();
        assertThat(bodies).hasSize(1);
        assertThat(bodies.getFirst()).hasSize(6).contains("a|", "b|", "c|");
    }

    @Test
    void theChildrenOfASplitShardAreReadAfterTheirParentsEnd() {
        stream(1);
        createSourced("sourced");
        putKinesis("parent|");
        kinesis.splitShard(
                KINESIS,
                new SplitShardRequest(
                        "source",
                        "shardId-000000000000",
                        BigInteger.ONE.shiftLeft(127).toString(),
                        null,
                        null));
        fixture.clock.advance(Duration.ofSeconds(1));
        putKinesis("child|");

        // The first round reads the parent to its end; the children wait for it.
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.firehose.runSources();
        readAndDeliver();

        assertThat(String.join("", delivered())).isEqualTo("parent|child|");
    }

    @Test
    void aShardWhoseReadsOthersTookIsReadTheNextSecond() {
        stream(1);
        createSourced("sourced");
        putKinesis("a|");
        fixture.clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            String iterator = kinesis.getShardIterator(
                            KINESIS,
                            new GetShardIteratorRequest(
                                    "source", "shardId-000000000000", "TRIM_HORIZON", null, null, null, null))
                    .shardIterator();
            kinesis.getRecords(KINESIS, new GetRecordsRequest(iterator, null, null, null));
        }
        fixture.firehose.runSources();
        assertThat(fixture.storedRecords(0)).isZero();

        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.firehose.runSources();
        assertThat(fixture.storedRecords(0)).isEqualTo(1);
    }

    @Test
    void deletingTheDeliveryStreamStopsTheReadsAndDropsTheCheckpoints() {
        stream(1);
        createSourced("sourced");
        putKinesis("a|");
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.firehose.runSources();
        assertThat(checkpoints()).isEqualTo(1);

        fixture.delete("sourced");
        putKinesis("b|");
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.firehose.runSources();

        assertThat(checkpoints()).isZero();
        assertThat(fixture.storedRecords(0)).isZero();
    }

    private int checkpoints() {
        int[] count = {0};
        fixture.storage.deliveryStreams().scanResources(KinesisSources.CHECKPOINT_PREFIX, (key, value) -> count[0]++);
        return count[0];
    }
}

package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.Consumer;
import dev.wharf.kinesis.api.ConsumerDescription;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DeleteStreamRequest;
import dev.wharf.kinesis.api.DeregisterStreamConsumerRequest;
import dev.wharf.kinesis.api.DescribeStreamConsumerRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.ListStreamConsumersRequest;
import dev.wharf.kinesis.api.ListStreamConsumersResponse;
import dev.wharf.kinesis.api.MinimumThroughputBillingCommitmentInput;
import dev.wharf.kinesis.api.RegisterStreamConsumerRequest;
import dev.wharf.kinesis.api.StreamModeDetails;
import dev.wharf.kinesis.api.UpdateAccountSettingsRequest;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.StreamStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enhanced fan-out consumers on the engine: registration, description, listing, deregistration and limits. */
class KinesisConsumersTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final KinesisContext OTHER = new KinesisContext("111111111111", "us-east-1");
    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final StreamStore store = new MemoryStorageEngine().streams();
    private KinesisEngine kinesis =
            new KinesisEngine(clock, new KinesisConfig(Duration.ofMillis(500), 100, true), store);

    @BeforeEach
    void stream() {
        kinesis.createStream(CONTEXT, new CreateStreamRequest("s", 1, null, null, null, null));
        clock.advance(Duration.ofSeconds(1));
    }

    private Consumer register(String name) {
        return Objects.requireNonNull(
                kinesis.registerStreamConsumer(CONTEXT, new RegisterStreamConsumerRequest(STREAM, name, null, null))
                        .consumer());
    }

    private ConsumerDescription describe(
            @Nullable String streamArn, @Nullable String name, @Nullable String consumerArn) {
        return Objects.requireNonNull(kinesis.describeStreamConsumer(
                        CONTEXT, new DescribeStreamConsumerRequest(streamArn, name, consumerArn, null))
                .consumerDescription());
    }

    private int consumerCount() {
        return Objects.requireNonNull(Objects.requireNonNull(
                        kinesis.describeStreamSummary(CONTEXT, new DescribeStreamSummaryRequest("s", null, null))
                                .streamDescriptionSummary())
                .consumerCount());
    }

    private static void assertError(Runnable call, KinesisError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aConsumerIsCreatingThenActiveAndFoundByArnOrByStreamAndName() {
        Consumer consumer = register("app");
        String arn = STREAM + "/consumer/app:1735689601";
        assertThat(consumer).isEqualTo(new Consumer("app", arn, "CREATING", Instant.parse("2025-01-01T00:00:01Z")));
        assertThat(describe(null, null, arn).consumerStatus()).isEqualTo("CREATING");
        assertThat(consumerCount()).isEqualTo(1);
        assertError(
                () -> kinesis.consumers().active(CONTEXT, arn),
                KinesisError.ResourceInUse,
                "Consumer app with creation timestamp 1735689601 under stream: s , account 000000000000 is not in"
                        + " ACTIVE status.");
        clock.advance(Duration.ofMillis(500));
        ConsumerDescription active = describe(STREAM, "app", null);
        assertThat(active)
                .isEqualTo(
                        new ConsumerDescription("app", arn, "ACTIVE", Instant.parse("2025-01-01T00:00:01Z"), STREAM));
        assertThat(describe(STREAM, "app", arn)).isEqualTo(active);
        StreamConsumers.Found found = kinesis.consumers().active(CONTEXT, arn);
        assertThat(found.stream().name).isEqualTo("s");
        assertThat(found.consumer().arn()).isEqualTo(arn);

        assertError(
                () -> register("app"),
                KinesisError.ResourceInUse,
                "Consumer app under stream s and account 000000000000 already exists.");
        assertError(
                () -> describe(null, null, arn + "9"),
                KinesisError.ResourceNotFound,
                "Consumer " + arn + "9, account 000000000000 not found.");
        assertError(
                () -> describe(STREAM, "nobody", null),
                KinesisError.ResourceNotFound,
                "Consumer nobody, account 000000000000 not found.");
        assertError(
                () -> describe(STREAM, "other", arn),
                KinesisError.InvalidArgument,
                "ConsumerARN, StreamARN and ConsumerName do not name the same consumer.");
        assertError(
                () -> describe(STREAM, null, null),
                KinesisError.InvalidArgument,
                "Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        assertError(
                () -> kinesis.consumers().active(OTHER, arn),
                KinesisError.ResourceNotFound,
                "Consumer " + arn + ", account 111111111111 not found.");
        assertError(
                () -> kinesis.consumers().active(CONTEXT, "arn:aws:kinesis:us-east-1:000000000000:stream/s"),
                KinesisError.Validation,
                "1 validation error detected: Value 'arn:aws:kinesis:us-east-1:000000000000:stream/s' at 'consumerARN'"
                        + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                        + " ^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");
    }

    @Test
    void aDeregisteredConsumerIsDeletingThenGoneAndItsNameFree() {
        String arn = Objects.requireNonNull(register("app").consumerARN());
        clock.advance(Duration.ofSeconds(1));
        kinesis.deregisterStreamConsumer(CONTEXT, new DeregisterStreamConsumerRequest(null, null, arn, null));
        assertThat(describe(null, null, arn).consumerStatus()).isEqualTo("DELETING");
        assertThat(consumerCount()).isZero();
        assertError(
                () -> kinesis.deregisterStreamConsumer(
                        CONTEXT, new DeregisterStreamConsumerRequest(STREAM, "app", null, null)),
                KinesisError.ResourceInUse,
                "Consumer app with creation timestamp 1735689601 under stream s and account 000000000000 is not in"
                        + " ACTIVE status.");
        clock.advance(Duration.ofMillis(500));
        assertError(
                () -> describe(null, null, arn),
                KinesisError.ResourceNotFound,
                "Consumer " + arn + ", account 000000000000 not found.");
        Consumer again = register("app");
        assertThat(again.consumerARN())
                .as("a new registration is a new consumer")
                .isNotEqualTo(arn);
        assertError(
                () -> describe(null, null, arn),
                KinesisError.ResourceNotFound,
                "Consumer " + arn + ", account 000000000000 not found.");
    }

    @Test
    void consumersAreListedInPagesByName() {
        for (String name : java.util.List.of("c", "a", "b")) {
            register(name);
        }
        ListStreamConsumersResponse first =
                kinesis.listStreamConsumers(CONTEXT, new ListStreamConsumersRequest(STREAM, null, 2, null, null));
        assertThat(first.consumers()).extracting(Consumer::consumerName).containsExactly("a", "b");
        assertThat(first.consumers()).extracting(Consumer::consumerStatus).containsOnly("CREATING");
        ListStreamConsumersResponse rest = kinesis.listStreamConsumers(
                CONTEXT, new ListStreamConsumersRequest(STREAM, first.nextToken(), null, null, null));
        assertThat(rest.consumers()).extracting(Consumer::consumerName).containsExactly("c");
        assertThat(rest.nextToken()).isNull();
        assertThat(kinesis.listStreamConsumers(
                                CONTEXT,
                                new ListStreamConsumersRequest(
                                        STREAM, null, null, Instant.parse("2025-01-01T00:00:00Z"), null))
                        .consumers())
                .hasSize(3);
        assertError(
                () -> kinesis.listStreamConsumers(
                        CONTEXT, new ListStreamConsumersRequest(STREAM, null, null, START.plusSeconds(5), null)),
                KinesisError.ResourceNotFound,
                "Stream s under account 000000000000 not found.");
        assertError(
                () -> kinesis.listStreamConsumers(
                        CONTEXT, new ListStreamConsumersRequest(STREAM, first.nextToken(), null, START, null)),
                KinesisError.InvalidArgument,
                "NextToken and StreamCreationTimestamp cannot be provided together.");
        assertError(
                () -> kinesis.listStreamConsumers(CONTEXT, new ListStreamConsumersRequest(null, null, 0, null, null)),
                KinesisError.Validation,
                "2 validation errors detected: Value null at 'streamARN' failed to satisfy constraint: Member must not"
                        + " be null; Value '0' at 'maxResults' failed to satisfy constraint: Member must have value"
                        + " greater than or equal to 1");
    }

    @Test
    void aStreamHasAtMostTwentyConsumersOrFiftyOnDemandWithACommitment() {
        for (int i = 0; i < 20; i++) {
            register("c" + i);
        }
        assertError(
                () -> register("c20"),
                KinesisError.LimitExceeded,
                "Stream s under account 000000000000 has reached the limit of 20 registered consumers.");
        kinesis.createStream(
                CONTEXT, new CreateStreamRequest("od", null, new StreamModeDetails("ON_DEMAND"), null, null, null));
        kinesis.updateAccountSettings(
                CONTEXT, new UpdateAccountSettingsRequest(new MinimumThroughputBillingCommitmentInput("ENABLED")));
        clock.advance(Duration.ofSeconds(1));
        String od = "arn:aws:kinesis:us-east-1:000000000000:stream/od";
        for (int i = 0; i < 50; i++) {
            kinesis.registerStreamConsumer(CONTEXT, new RegisterStreamConsumerRequest(od, "c" + i, null, null));
        }
        assertError(
                () -> kinesis.registerStreamConsumer(CONTEXT, new RegisterStreamConsumerRequest(od, "c50", null, null)),
                KinesisError.LimitExceeded,
                "Stream od under account 000000000000 has reached the limit of 50 registered consumers.");
    }

    @Test
    void aStreamWithConsumersIsDeletedOnlyWhenToldAndTakesThemAlong() {
        String arn = Objects.requireNonNull(register("app").consumerARN());
        assertError(
                () -> kinesis.deleteStream(CONTEXT, new DeleteStreamRequest("s", null, null, null)),
                KinesisError.ResourceInUse,
                "Stream s under account 000000000000 has registered consumers. Deregister them, or set"
                        + " EnforceConsumerDeletion to true.");
        kinesis.deleteStream(CONTEXT, new DeleteStreamRequest("s", true, null, null));
        assertThat(describe(null, null, arn).consumerStatus()).isEqualTo("DELETING");
        clock.advance(Duration.ofSeconds(1));
        assertError(
                () -> describe(null, null, arn),
                KinesisError.ResourceNotFound,
                "Consumer " + arn + ", account 000000000000 not found.");
        kinesis.createStream(CONTEXT, new CreateStreamRequest("s", 1, null, null, null, null));
        clock.advance(Duration.ofSeconds(1));
        assertThat(consumerCount()).as("the new stream of that name has none").isZero();
    }

    @Test
    void registrationChecksTheStreamAndTheName() {
        kinesis.createStream(CONTEXT, new CreateStreamRequest("young", 1, null, null, null, null));
        assertError(
                () -> kinesis.registerStreamConsumer(
                        CONTEXT,
                        new RegisterStreamConsumerRequest(
                                "arn:aws:kinesis:us-east-1:000000000000:stream/young", "app", null, null)),
                KinesisError.ResourceInUse,
                "Stream young under account 000000000000 not ACTIVE, instead in state CREATING");
        assertError(
                () -> kinesis.registerStreamConsumer(
                        CONTEXT, new RegisterStreamConsumerRequest(STREAM, "bad name", null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value 'bad name' at 'consumerName' failed to satisfy constraint: Member"
                        + " must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertError(
                () -> kinesis.registerStreamConsumer(
                        CONTEXT, new RegisterStreamConsumerRequest(STREAM, "tagged", null, Map.of("k", "v*"))),
                KinesisError.InvalidArgument,
                "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / ="
                        + " + - % @.");
    }

    @Test
    void consumersSurviveARestart() {
        String arn = Objects.requireNonNull(kinesis.registerStreamConsumer(
                                CONTEXT, new RegisterStreamConsumerRequest(STREAM, "kept", null, Map.of("team", "x")))
                        .consumer())
                .consumerARN();
        register("gone");
        clock.advance(Duration.ofSeconds(1));
        kinesis.deregisterStreamConsumer(CONTEXT, new DeregisterStreamConsumerRequest(STREAM, "gone", null, null));
        kinesis = new KinesisEngine(clock, new KinesisConfig(Duration.ofMillis(500), 100, true), store);
        assertThat(describe(null, null, arn).consumerStatus()).isEqualTo("ACTIVE");
        assertThat(describe(STREAM, "gone", null).consumerStatus()).isEqualTo("DELETING");
        clock.advance(Duration.ofSeconds(1));
        assertThat(kinesis.listStreamConsumers(CONTEXT, new ListStreamConsumersRequest(STREAM, null, null, null, null))
                        .consumers())
                .extracting(Consumer::consumerName)
                .containsExactly("kept");
        KinesisEngine again = new KinesisEngine(clock, new KinesisConfig(Duration.ofMillis(500), 100, true), store);
        assertThat(again.listTagsForResource(CONTEXT, new dev.wharf.kinesis.api.ListTagsForResourceRequest(arn, null))
                        .tags())
                .containsExactly(new dev.wharf.kinesis.api.Tag("team", "x"));
        assertThat(again.listStreamConsumers(CONTEXT, new ListStreamConsumersRequest(STREAM, null, null, null, null))
                        .consumers())
                .hasSize(1);
    }
}

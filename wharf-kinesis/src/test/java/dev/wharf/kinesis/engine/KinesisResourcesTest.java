package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DeleteResourcePolicyRequest;
import dev.wharf.kinesis.api.GetResourcePolicyRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.ListTagsForResourceRequest;
import dev.wharf.kinesis.api.ListTagsForStreamRequest;
import dev.wharf.kinesis.api.PutResourcePolicyRequest;
import dev.wharf.kinesis.api.RegisterStreamConsumerRequest;
import dev.wharf.kinesis.api.Tag;
import dev.wharf.kinesis.api.TagResourceRequest;
import dev.wharf.kinesis.api.UntagResourceRequest;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.StreamStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tags and resource policies of streams and consumers, named by ResourceARN, on the engine. */
class KinesisResourcesTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"kinesis:GetRecords\","
            + "\"Resource\":\"" + STREAM + "\"}]}";

    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final StreamStore store = new MemoryStorageEngine().streams();
    private KinesisEngine kinesis =
            new KinesisEngine(clock, new KinesisConfig(Duration.ofMillis(500), 10, true), store);
    private String consumer = "";

    @BeforeEach
    void streamAndConsumer() {
        kinesis.createStream(CONTEXT, new CreateStreamRequest("s", 1, null, Map.of("made", "1"), null, null));
        clock.advance(Duration.ofSeconds(1));
        consumer = Objects.requireNonNull(Objects.requireNonNull(kinesis.registerStreamConsumer(
                                CONTEXT, new RegisterStreamConsumerRequest(STREAM, "app", null, Map.of("c", "1")))
                        .consumer())
                .consumerARN());
    }

    private List<Tag> tags(String arn) {
        return Objects.requireNonNull(kinesis.listTagsForResource(CONTEXT, new ListTagsForResourceRequest(arn, null))
                .tags());
    }

    private String policy(String arn) {
        return Objects.requireNonNull(kinesis.getResourcePolicy(CONTEXT, new GetResourcePolicyRequest(arn, null))
                .policy());
    }

    private static void assertError(Runnable call, KinesisError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void streamsAndConsumersAreTaggedByArn() {
        kinesis.tagResource(CONTEXT, new TagResourceRequest(Map.of("b", "2", "a", "1"), STREAM, null));
        assertThat(tags(STREAM)).containsExactly(new Tag("a", "1"), new Tag("b", "2"), new Tag("made", "1"));
        assertThat(kinesis.listTagsForStream(CONTEXT, new ListTagsForStreamRequest("s", null, null, null, null))
                        .tags())
                .as("the same tags as the stream's own actions see")
                .hasSize(3);
        kinesis.untagResource(CONTEXT, new UntagResourceRequest(List.of("a", "made"), STREAM, null));
        assertThat(tags(STREAM)).containsExactly(new Tag("b", "2"));

        kinesis.tagResource(CONTEXT, new TagResourceRequest(Map.of("d", "4"), consumer, null));
        assertThat(tags(consumer)).containsExactly(new Tag("c", "1"), new Tag("d", "4"));
        kinesis.untagResource(CONTEXT, new UntagResourceRequest(List.of("c"), consumer, null));
        assertThat(tags(consumer)).containsExactly(new Tag("d", "4"));
        assertThat(tags(STREAM)).containsExactly(new Tag("b", "2"));
    }

    @Test
    void tagsAreBoundedAsAddTagsToStreamBoundsThem() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("k" + i, "v");
        }
        assertError(
                () -> kinesis.tagResource(CONTEXT, new TagResourceRequest(many, STREAM, null)),
                KinesisError.InvalidArgument,
                "Failed to add tags to stream s under account 000000000000 because a given stream cannot have more"
                        + " than 50 tags associated with it.");
        assertError(
                () -> kinesis.tagResource(
                        CONTEXT, new TagResourceRequest(Map.of("k", "x".repeat(257)), consumer, null)),
                KinesisError.InvalidArgument,
                "Failed to add tags to consumer app under account 000000000000 because a tag key is longer than 128"
                        + " characters or empty, or a tag value is longer than 256 characters.");
        many.remove("k0");
        kinesis.tagResource(CONTEXT, new TagResourceRequest(many, consumer, null));
        assertError(
                () -> kinesis.tagResource(CONTEXT, new TagResourceRequest(Map.of("more", "v"), consumer, null)),
                KinesisError.InvalidArgument,
                "Failed to add tags to consumer app under account 000000000000 because a given consumer cannot have"
                        + " more than 50 tags associated with it.");
        assertError(
                () -> kinesis.tagResource(CONTEXT, new TagResourceRequest(null, STREAM, null)),
                KinesisError.Validation,
                "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be"
                        + " null");
        assertError(
                () -> kinesis.untagResource(CONTEXT, new UntagResourceRequest(List.of(), STREAM, null)),
                KinesisError.Validation,
                "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be"
                        + " null");
    }

    @Test
    void aPolicyIsStoredShownAndDeleted() {
        assertThat(policy(STREAM)).isEqualTo("{}");
        assertError(
                () -> kinesis.putResourcePolicy(CONTEXT, new PutResourcePolicyRequest(consumer, null, POLICY)),
                KinesisError.ResourceInUse,
                "Consumer app with creation timestamp 1735689601 under stream s and account 000000000000 is not in"
                        + " ACTIVE status.");
        clock.advance(Duration.ofSeconds(1));
        kinesis.putResourcePolicy(CONTEXT, new PutResourcePolicyRequest(STREAM, null, POLICY));
        kinesis.putResourcePolicy(CONTEXT, new PutResourcePolicyRequest(consumer, null, POLICY.replace("Get", "Put")));
        assertThat(policy(STREAM)).isEqualTo(POLICY);
        assertThat(policy(consumer)).contains("kinesis:PutRecords");

        kinesis = new KinesisEngine(clock, new KinesisConfig(Duration.ofMillis(500), 10, true), store);
        assertThat(policy(STREAM)).as("after a restart").isEqualTo(POLICY);
        assertThat(policy(consumer)).contains("kinesis:PutRecords");

        kinesis.deleteResourcePolicy(CONTEXT, new DeleteResourcePolicyRequest(STREAM, null));
        kinesis.deleteResourcePolicy(CONTEXT, new DeleteResourcePolicyRequest(consumer, null));
        assertThat(policy(STREAM)).isEqualTo("{}");
        assertThat(policy(consumer)).isEqualTo("{}");
        assertError(
                () -> kinesis.deleteResourcePolicy(CONTEXT, new DeleteResourcePolicyRequest(STREAM, null)),
                KinesisError.ResourceNotFound,
                "No resource policy found for resource ARN " + STREAM + ".");
    }

    @Test
    void aPolicyMustBeAPolicyDocumentOfAtMost20KiB() {
        assertError(
                () -> kinesis.putResourcePolicy(CONTEXT, new PutResourcePolicyRequest(STREAM, null, "[1]")),
                KinesisError.InvalidArgument,
                "Policy is not a valid JSON policy document.");
        assertError(
                () -> kinesis.putResourcePolicy(CONTEXT, new PutResourcePolicyRequest(STREAM, null, "{not json")),
                KinesisError.InvalidArgument,
                "Policy is not a valid JSON policy document.");
        assertError(
                () -> kinesis.putResourcePolicy(
                        CONTEXT, new PutResourcePolicyRequest(STREAM, null, "{\"Version\":\"2012-10-17\"}")),
                KinesisError.InvalidArgument,
                "Policy document must contain a Version and a Statement.");
        String large = "{\"Version\":\"2012-10-17\",\"Statement\":[],\"Sid\":\"" + "x".repeat(20_480) + "\"}";
        assertError(
                () -> kinesis.putResourcePolicy(CONTEXT, new PutResourcePolicyRequest(STREAM, null, large)),
                KinesisError.LimitExceeded,
                "Cannot exceed quota for PolicySize: 20480");
        assertError(
                () -> kinesis.putResourcePolicy(CONTEXT, new PutResourcePolicyRequest(STREAM, null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be"
                        + " null");
    }

    @Test
    void aResourceArnMustNameAStreamOrConsumerOfTheAccount() {
        assertError(
                () -> tags("arn:aws:kinesis:us-east-1:000000000000:stream/missing"),
                KinesisError.ResourceNotFound,
                "Stream missing under account 000000000000 not found.");
        assertError(
                () -> tags("arn:aws:kinesis:us-east-1:111111111111:stream/s"),
                KinesisError.ResourceNotFound,
                "Stream s under account 111111111111 not found.");
        assertError(
                () -> tags("arn:aws:kinesis:us-east-1:000000000000:deliverystream/s"),
                KinesisError.ResourceNotFound,
                "Stream deliverystream/s under account 000000000000 not found.");
        assertError(
                () -> tags(consumer.replace(":1735689601", ":1")),
                KinesisError.ResourceNotFound,
                "Consumer " + consumer.replace(":1735689601", ":1") + ", account 000000000000 not found.");
        assertError(
                () -> tags("arn:aws:sqs:us-east-1:000000000000:queue"),
                KinesisError.Validation,
                "1 validation error detected: Value 'arn:aws:sqs:us-east-1:000000000000:queue' at 'resourceARN' failed"
                        + " to satisfy constraint: Member must satisfy regular expression pattern:"
                        + " arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");
    }
}

package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.BOB;
import static dev.wharf.firehose.engine.FirehoseFixture.START;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static dev.wharf.firehose.engine.FirehoseFixture.bare;
import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.DeliveryStreamDescription;
import dev.wharf.firehose.api.DeliveryStreamEncryptionConfiguration;
import dev.wharf.firehose.api.DeliveryStreamEncryptionConfigurationInput;
import dev.wharf.firehose.api.ExtendedS3DestinationUpdate;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.ListDeliveryStreamsRequest;
import dev.wharf.firehose.api.ListTagsForDeliveryStreamRequest;
import dev.wharf.firehose.api.StartDeliveryStreamEncryptionRequest;
import dev.wharf.firehose.api.Tag;
import dev.wharf.firehose.api.TagDeliveryStreamRequest;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import dev.wharf.s3.api.BucketShapes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A new engine over the same store, as after a restart: every stream as it was, and the deletes it interrupted done. */
class FirehoseRestoreTest {

    private static final String KEY = "arn:aws:kms:us-east-1:111111111111:key/k";

    private final FirehoseFixture fixture = new FirehoseFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private void restart() {
        fixture.firehose.close();
        fixture.firehose = fixture.open();
    }

    private List<String> names() {
        return Objects.requireNonNull(fixture.firehose
                .listDeliveryStreams(ALICE, new ListDeliveryStreamsRequest(null, null, null))
                .deliveryStreamNames());
    }

    @Test
    void everyStreamComesBackWithItsTagsVersionAndEncryption() {
        fixture.active("changed", extended("logs", "before/", 1, 60, "UNCOMPRESSED"));
        fixture.firehose.tagDeliveryStream(
                ALICE,
                new TagDeliveryStreamRequest("changed", List.of(new Tag("team", "data"), new Tag("env", "prod"))));
        fixture.firehose.updateDestination(
                ALICE,
                new UpdateDestinationRequest(
                        "changed",
                        "1",
                        FirehoseEngine.DESTINATION,
                        null,
                        new ExtendedS3DestinationUpdate(
                                null, null, "after/", null, null, "GZIP", null, null, null, null, null, null, null,
                                null, null),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        fixture.firehose.startDeliveryStreamEncryption(
                ALICE,
                new StartDeliveryStreamEncryptionRequest(
                        "changed", new DeliveryStreamEncryptionConfigurationInput(KEY, "CUSTOMER_MANAGED_CMK")));
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.firehose.createDeliveryStream(BOB, FirehoseFixture.create("bobs", bare("bob")));
        DeliveryStreamDescription before = fixture.describe("changed");

        restart();

        assertThat(names()).containsExactly("changed");
        DeliveryStreamDescription after = fixture.describe("changed");
        assertThat(after).isEqualTo(before);
        assertThat(after.versionId()).isEqualTo("2");
        assertThat(after.lastUpdateTimestamp()).isEqualTo(START.plusSeconds(1));
        assertThat(after.deliveryStreamEncryptionConfiguration())
                .isEqualTo(new DeliveryStreamEncryptionConfiguration(KEY, "CUSTOMER_MANAGED_CMK", "ENABLED", null));
        assertThat(Objects.requireNonNull(after.destinations()).getFirst().extendedS3DestinationDescription())
                .extracting(description -> description.prefix(), description -> description.compressionFormat())
                .containsExactly("after/", "GZIP");
        assertThat(fixture.firehose
                        .listTagsForDeliveryStream(ALICE, new ListTagsForDeliveryStreamRequest("changed", null, null))
                        .tags())
                .containsExactly(new Tag("env", "prod"), new Tag("team", "data"));
        assertThat(fixture.firehose
                        .listDeliveryStreams(BOB, new ListDeliveryStreamsRequest(null, null, null))
                        .deliveryStreamNames())
                .containsExactly("bobs");
    }

    @Test
    void theTransitionsUnderWayGoOnByTheClockAfterARestart() {
        fixture.active("secret", bare("logs"));
        fixture.firehose.startDeliveryStreamEncryption(
                ALICE,
                new StartDeliveryStreamEncryptionRequest(
                        "secret", new DeliveryStreamEncryptionConfigurationInput(null, "AWS_OWNED_CMK")));
        fixture.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("young", bare("logs")));
        fixture.clock.advance(Duration.ofMillis(500));

        restart();
        assertThat(fixture.describe("young").deliveryStreamStatus()).isEqualTo("CREATING");
        assertThat(Objects.requireNonNull(fixture.describe("secret").deliveryStreamEncryptionConfiguration())
                        .status())
                .isEqualTo("ENABLING");
        fixture.clock.advance(Duration.ofMillis(500));
        assertThat(fixture.describe("young").deliveryStreamStatus()).isEqualTo("ACTIVE");
        assertThat(Objects.requireNonNull(fixture.describe("secret").deliveryStreamEncryptionConfiguration())
                        .status())
                .isEqualTo("ENABLED");
    }

    @Test
    void aStreamBeingDeletedAtTheRestartIsGoneAndItsNameFree() {
        fixture.active("doomed", bare("logs"));
        fixture.active("kept", bare("logs"));
        fixture.delete("doomed");

        restart();

        assertThat(names()).containsExactly("kept");
        assertError(
                () -> fixture.describe("doomed"),
                FirehoseError.ResourceNotFound,
                "Firehose doomed under account 111111111111 not found.");
        fixture.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("doomed", bare("logs")));
        assertThat(fixture.describe("doomed").deliveryStreamStatus()).isEqualTo("CREATING");
    }

    @Test
    void aStreamCreatedAfterARestartNeverSharesTheRecordsOfOneCreatedBefore() {
        fixture.bucket("logs");
        fixture.active("old", extended("logs", "old/", 1, 60, "UNCOMPRESSED"));
        fixture.put("old", "waiting");
        fixture.active("deleted", extended("logs", "deleted/", 1, 60, "UNCOMPRESSED"));
        fixture.delete("deleted");

        restart();
        fixture.active("new", extended("logs", "new/", 1, 60, "UNCOMPRESSED"));
        fixture.put("new", "fresh");
        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();

        List<BucketShapes.ListedObject> objects = fixture.objects("logs");
        assertThat(objects).extracting(object -> object.key().substring(0, 4)).containsExactly("new/", "old/");
        assertThat(new String(fixture.body("logs", objects.get(0).key()), StandardCharsets.UTF_8))
                .isEqualTo("fresh");
        assertThat(new String(fixture.body("logs", objects.get(1).key()), StandardCharsets.UTF_8))
                .isEqualTo("waiting");
    }
}

package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static dev.wharf.firehose.engine.FirehoseFixture.bare;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.DeliveryStreamEncryptionConfiguration;
import dev.wharf.firehose.api.DeliveryStreamEncryptionConfigurationInput;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.StartDeliveryStreamEncryptionRequest;
import dev.wharf.firehose.api.StopDeliveryStreamEncryptionRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** StartDeliveryStreamEncryption and StopDeliveryStreamEncryption: the statuses they pass through and their errors. */
class FirehoseEncryptionTest {

    private static final String KEY = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private final FirehoseFixture fixture = new FirehoseFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private void start(String stream, @Nullable String keyArn, @Nullable String keyType) {
        fixture.firehose.startDeliveryStreamEncryption(
                ALICE,
                new StartDeliveryStreamEncryptionRequest(
                        stream, new DeliveryStreamEncryptionConfigurationInput(keyArn, keyType)));
    }

    private void stop(String stream) {
        fixture.firehose.stopDeliveryStreamEncryption(ALICE, new StopDeliveryStreamEncryptionRequest(stream));
    }

    private DeliveryStreamEncryptionConfiguration encryption(String stream) {
        return java.util.Objects.requireNonNull(fixture.describe(stream).deliveryStreamEncryptionConfiguration());
    }

    private static DeliveryStreamEncryptionConfiguration status(
            @Nullable String keyArn, @Nullable String keyType, String status) {
        return new DeliveryStreamEncryptionConfiguration(keyArn, keyType, status, null);
    }

    @Test
    void startIsEnablingUntilTheTransitionHasPassedThenEnabled() {
        fixture.active("secret", bare("logs"));
        start("secret", null, "AWS_OWNED_CMK");

        assertThat(encryption("secret")).isEqualTo(status(null, "AWS_OWNED_CMK", "ENABLING"));
        fixture.clock.advance(Duration.ofMillis(999));
        assertThat(encryption("secret")).isEqualTo(status(null, "AWS_OWNED_CMK", "ENABLING"));
        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(encryption("secret")).isEqualTo(status(null, "AWS_OWNED_CMK", "ENABLED"));
        assertThat(fixture.describe("secret").versionId())
                .as("encryption is not a change of the destination")
                .isEqualTo("1");
    }

    @Test
    void stopIsDisablingWithTheKeyStillShownThenDisabledWithNone() {
        fixture.active("secret", bare("logs"));
        start("secret", KEY, "CUSTOMER_MANAGED_CMK");
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(encryption("secret")).isEqualTo(status(KEY, "CUSTOMER_MANAGED_CMK", "ENABLED"));

        stop("secret");
        assertThat(encryption("secret")).isEqualTo(status(KEY, "CUSTOMER_MANAGED_CMK", "DISABLING"));
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(encryption("secret")).isEqualTo(status(null, null, "DISABLED"));
    }

    @Test
    void startWithoutAConfigurationUsesAnAwsOwnedKey() {
        fixture.active("secret", bare("logs"));
        fixture.firehose.startDeliveryStreamEncryption(ALICE, new StartDeliveryStreamEncryptionRequest("secret", null));
        fixture.clock.advance(Duration.ofSeconds(1));

        assertThat(encryption("secret")).isEqualTo(status(null, "AWS_OWNED_CMK", "ENABLED"));
    }

    @Test
    void stoppingAStreamNeverEncryptedLeavesItDisabled() {
        fixture.active("plain", bare("logs"));
        stop("plain");

        assertThat(encryption("plain")).isEqualTo(status(null, null, "DISABLED"));
    }

    @Test
    void aCustomerManagedKeyNeedsItsArnAndAnAwsOwnedOneTakesNone() {
        fixture.active("secret", bare("logs"));
        assertError(
                () -> start("secret", null, "CUSTOMER_MANAGED_CMK"),
                FirehoseError.InvalidArgument,
                "KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
        assertError(
                () -> start("secret", KEY, "AWS_OWNED_CMK"),
                FirehoseError.InvalidArgument,
                "KeyARN must not be given when KeyType is AWS_OWNED_CMK.");
        assertError(
                () -> start("secret", null, "SHARED_CMK"),
                FirehoseError.Validation,
                "1 validation error detected: Value 'SHARED_CMK' at 'deliveryStreamEncryptionConfigurationInput.keyType'"
                        + " failed to satisfy constraint: Member must satisfy enum value set: [AWS_OWNED_CMK,"
                        + " CUSTOMER_MANAGED_CMK]");
        assertThat(encryption("secret")).isEqualTo(status(null, null, "DISABLED"));
    }

    @Test
    void encryptionCannotChangeWhileTheStreamIsNotActive() {
        fixture.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("young", bare("logs")));
        assertError(
                () -> start("young", null, "AWS_OWNED_CMK"),
                FirehoseError.ResourceInUse,
                "Firehose young is not in the ACTIVE state; it is CREATING.");
        assertError(
                () -> stop("young"),
                FirehoseError.ResourceInUse,
                "Firehose young is not in the ACTIVE state; it is CREATING.");

        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.delete("young");
        assertError(
                () -> start("young", null, "AWS_OWNED_CMK"),
                FirehoseError.ResourceInUse,
                "Firehose young is not in the ACTIVE state; it is DELETING.");
    }

    @Test
    void aStreamThatIsNotThereIsResourceNotFound() {
        String message = "Firehose missing under account 111111111111 not found.";
        assertError(() -> start("missing", null, null), FirehoseError.ResourceNotFound, message);
        assertError(() -> stop("missing"), FirehoseError.ResourceNotFound, message);
        assertError(
                () -> stop("no/such"),
                FirehoseError.Validation,
                "1 validation error detected: Value 'no/such' at 'deliveryStreamName' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
}

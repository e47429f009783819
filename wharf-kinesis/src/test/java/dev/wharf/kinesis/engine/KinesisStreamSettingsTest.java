package dev.wharf.kinesis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DescribeAccountSettingsRequest;
import dev.wharf.kinesis.api.DescribeStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.MinimumThroughputBillingCommitmentInput;
import dev.wharf.kinesis.api.MinimumThroughputBillingCommitmentOutput;
import dev.wharf.kinesis.api.StartStreamEncryptionRequest;
import dev.wharf.kinesis.api.StopStreamEncryptionRequest;
import dev.wharf.kinesis.api.StreamDescriptionSummary;
import dev.wharf.kinesis.api.StreamModeDetails;
import dev.wharf.kinesis.api.UpdateAccountSettingsRequest;
import dev.wharf.kinesis.api.UpdateMaxRecordSizeRequest;
import dev.wharf.kinesis.api.UpdateStreamModeRequest;
import dev.wharf.kinesis.api.UpdateStreamWarmThroughputRequest;
import dev.wharf.kinesis.api.UpdateStreamWarmThroughputResponse;
import dev.wharf.kinesis.api.WarmThroughputObject;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.StreamStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stream's settings on the engine: capacity mode, encryption, warm throughput and maximum record size, and the
 * account's minimum throughput billing commitment that warm throughput needs.
 */
class KinesisStreamSettingsTest {

    private static final KinesisContext CONTEXT = new KinesisContext("000000000000", "us-east-1");
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final StreamStore store = new MemoryStorageEngine().streams();
    private KinesisEngine kinesis =
            new KinesisEngine(clock, new KinesisConfig(Duration.ofMillis(500), 100, true), store);

    @BeforeEach
    void stream() {
        kinesis.createStream(CONTEXT, new CreateStreamRequest("s", 2, null, null, null, null));
        clock.advance(Duration.ofSeconds(1));
    }

    private StreamDescriptionSummary summary() {
        return Objects.requireNonNull(
                kinesis.describeStreamSummary(CONTEXT, new DescribeStreamSummaryRequest("s", null, null))
                        .streamDescriptionSummary());
    }

    private void mode(String mode, @Nullable Integer warm) {
        kinesis.updateStreamMode(CONTEXT, new UpdateStreamModeRequest(ARN, null, new StreamModeDetails(mode), warm));
    }

    private MinimumThroughputBillingCommitmentOutput commit(String status) {
        return Objects.requireNonNull(kinesis.updateAccountSettings(
                        CONTEXT, new UpdateAccountSettingsRequest(new MinimumThroughputBillingCommitmentInput(status)))
                .minimumThroughputBillingCommitment());
    }

    private static void assertError(Runnable call, KinesisError error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void theCapacityModeChangesAtOnceThroughAnUpdatingStream() {
        mode("ON_DEMAND", null);
        assertThat(summary().streamStatus()).isEqualTo("UPDATING");
        assertThat(summary().streamModeDetails()).isEqualTo(new StreamModeDetails("ON_DEMAND"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(summary().streamStatus()).isEqualTo("ACTIVE");
        assertThat(summary().openShardCount()).isEqualTo(2);
        assertError(
                () -> mode("ON_DEMAND", null),
                KinesisError.InvalidArgument,
                "Stream s under account 000000000000 is already in ON_DEMAND mode.");
        mode("PROVISIONED", null);
        clock.advance(Duration.ofSeconds(1));
        assertError(
                () -> mode("ON_DEMAND", null),
                KinesisError.LimitExceeded,
                "Exceeded the limit of 2 UpdateStreamMode calls in a rolling 24-hour period for stream s under account"
                        + " 000000000000.");
        assertError(
                () -> kinesis.updateStreamMode(CONTEXT, new UpdateStreamModeRequest(ARN, null, null, null)),
                KinesisError.Validation,
                "1 validation error detected: Value null at 'streamModeDetails' failed to satisfy constraint: Member"
                        + " must not be null");
        assertError(
                () -> kinesis.updateStreamMode(
                        CONTEXT, new UpdateStreamModeRequest(null, null, new StreamModeDetails("ON_DEMAND"), null)),
                KinesisError.Validation,
                "1 validation error detected: Value null at 'streamARN' failed to satisfy constraint: Member must not"
                        + " be null");
    }

    @Test
    void anAccountHasAtMostFiftyOnDemandStreams() {
        kinesis = new KinesisEngine(clock, new KinesisConfig(Duration.ofMillis(500), 1_000, true), store);
        for (int i = 0; i < 50; i++) {
            kinesis.createStream(
                    CONTEXT,
                    new CreateStreamRequest("od" + i, null, new StreamModeDetails("ON_DEMAND"), null, null, null));
        }
        String limit = "This request would exceed the on-demand stream limit for the account 000000000000 in"
                + " us-east-1. Current on-demand stream count for the account: 50. Limit: 50.";
        assertError(
                () -> kinesis.createStream(
                        CONTEXT,
                        new CreateStreamRequest("od50", null, new StreamModeDetails("ON_DEMAND"), null, null, null)),
                KinesisError.LimitExceeded,
                limit);
        assertError(() -> mode("ON_DEMAND", null), KinesisError.LimitExceeded, limit);
    }

    @Test
    void encryptionStartsAndStopsWhenTheUpdateIsOver() {
        kinesis.startStreamEncryption(
                CONTEXT, new StartStreamEncryptionRequest("s", "KMS", "alias/aws/kinesis", null, null));
        assertThat(summary().streamStatus()).isEqualTo("UPDATING");
        assertThat(summary().encryptionType())
                .as("records are encrypted once ACTIVE")
                .isEqualTo("NONE");
        clock.advance(Duration.ofSeconds(1));
        assertThat(summary().encryptionType()).isEqualTo("KMS");
        assertThat(summary().keyId()).isEqualTo("alias/aws/kinesis");
        var description = Objects.requireNonNull(
                kinesis.describeStream(CONTEXT, new DescribeStreamRequest("s", null, null, null, null))
                        .streamDescription());
        assertThat(description.encryptionType()).isEqualTo("KMS");
        assertThat(description.keyId()).isEqualTo("alias/aws/kinesis");

        kinesis.stopStreamEncryption(
                CONTEXT, new StopStreamEncryptionRequest(null, "KMS", "alias/aws/kinesis", ARN, null));
        clock.advance(Duration.ofSeconds(1));
        assertThat(summary().encryptionType()).isEqualTo("NONE");
        assertThat(summary().keyId()).isNull();

        assertError(
                () -> kinesis.startStreamEncryption(
                        CONTEXT, new StartStreamEncryptionRequest("s", "NONE", "k", null, null)),
                KinesisError.InvalidArgument,
                "Encryption type NONE is not valid for StartStreamEncryption. The only valid value is KMS.");
        assertError(
                () -> kinesis.startStreamEncryption(
                        CONTEXT, new StartStreamEncryptionRequest("s", "AES", "", null, null)),
                KinesisError.Validation,
                "2 validation errors detected: Value 'AES' at 'encryptionType' failed to satisfy constraint: Member"
                        + " must satisfy enum value set: [NONE, KMS]; Value '' at 'keyId' failed to satisfy"
                        + " constraint: Member must have length greater than or equal to 1");
        for (int i = 1; i < 25; i++) {
            kinesis.startStreamEncryption(CONTEXT, new StartStreamEncryptionRequest("s", "KMS", "k" + i, null, null));
            clock.advance(Duration.ofSeconds(1));
        }
        assertError(
                () -> kinesis.startStreamEncryption(
                        CONTEXT, new StartStreamEncryptionRequest("s", "KMS", "k", null, null)),
                KinesisError.LimitExceeded,
                "Exceeded the limit of 25 StartStreamEncryption calls in a rolling 24-hour period for stream s under"
                        + " account 000000000000.");
    }

    @Test
    void warmThroughputNeedsAnOnDemandStreamAndTheAccountsCommitment() {
        assertError(
                () -> kinesis.updateStreamWarmThroughput(
                        CONTEXT, new UpdateStreamWarmThroughputRequest(null, "s", null, 100)),
                KinesisError.InvalidArgument,
                "Warm throughput is only supported for streams in ON_DEMAND mode.");
        assertError(
                () -> mode("ON_DEMAND", 100),
                KinesisError.InvalidArgument,
                "Warm throughput requires a minimum throughput billing commitment for account 000000000000. Enable it"
                        + " with UpdateAccountSettings.");
        commit("ENABLED");
        mode("ON_DEMAND", 100);
        assertThat(summary().warmThroughput()).isEqualTo(new WarmThroughputObject(100, 0));
        clock.advance(Duration.ofSeconds(1));
        assertThat(summary().warmThroughput()).isEqualTo(new WarmThroughputObject(100, 100));

        UpdateStreamWarmThroughputResponse response = kinesis.updateStreamWarmThroughput(
                CONTEXT, new UpdateStreamWarmThroughputRequest(ARN, null, null, 250));
        assertThat(response)
                .isEqualTo(new UpdateStreamWarmThroughputResponse(ARN, "s", new WarmThroughputObject(250, 100)));
        assertThat(summary().streamStatus()).isEqualTo("UPDATING");
        clock.advance(Duration.ofSeconds(1));
        assertThat(summary().warmThroughput()).isEqualTo(new WarmThroughputObject(250, 250));
        assertError(
                () -> kinesis.updateStreamWarmThroughput(
                        CONTEXT, new UpdateStreamWarmThroughputRequest(ARN, null, null, 10_241)),
                KinesisError.LimitExceeded,
                "Warm throughput of 10241 MiB/s exceeds the limit of 10240 MiB/s for an on-demand stream.");
        mode("PROVISIONED", null);
        assertThat(summary().warmThroughput()).isNull();
        kinesis.createStream(
                CONTEXT, new CreateStreamRequest("warm", null, new StreamModeDetails("ON_DEMAND"), null, 50, 2048));
        clock.advance(Duration.ofSeconds(1));
        StreamDescriptionSummary warm = Objects.requireNonNull(
                kinesis.describeStreamSummary(CONTEXT, new DescribeStreamSummaryRequest("warm", null, null))
                        .streamDescriptionSummary());
        assertThat(warm.warmThroughput()).isEqualTo(new WarmThroughputObject(50, 50));
        assertThat(warm.maxRecordSizeInKiB()).isEqualTo(2048);
        assertError(
                () -> kinesis.createStream(CONTEXT, new CreateStreamRequest("p", 1, null, null, 50, null)),
                KinesisError.InvalidArgument,
                "Warm throughput is only supported for streams in ON_DEMAND mode.");
    }

    @Test
    void theMaximumRecordSizeIsBetweenOneAndTenMiB() {
        assertThat(summary().maxRecordSizeInKiB()).isEqualTo(1024);
        kinesis.updateMaxRecordSize(CONTEXT, new UpdateMaxRecordSizeRequest(ARN, null, 10_240));
        assertThat(summary().maxRecordSizeInKiB()).isEqualTo(10_240);
        assertThat(summary().streamStatus()).isEqualTo("ACTIVE");
        assertError(
                () -> kinesis.updateMaxRecordSize(CONTEXT, new UpdateMaxRecordSizeRequest(ARN, null, 1023)),
                KinesisError.Validation,
                "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1024");
        assertError(
                () -> kinesis.createStream(CONTEXT, new CreateStreamRequest("big", 1, null, null, null, 10_241)),
                KinesisError.Validation,
                "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 10240");
    }

    @Test
    void aCommitmentLastsAtLeastADay() {
        MinimumThroughputBillingCommitmentOutput none =
                Objects.requireNonNull(kinesis.describeAccountSettings(CONTEXT, new DescribeAccountSettingsRequest())
                        .minimumThroughputBillingCommitment());
        assertThat(none).isEqualTo(new MinimumThroughputBillingCommitmentOutput("DISABLED", null, null, null));
        Instant started = clock.instant();
        Instant earliest = started.plus(Duration.ofDays(1));
        assertThat(commit("ENABLED"))
                .isEqualTo(new MinimumThroughputBillingCommitmentOutput("ENABLED", started, null, earliest));
        clock.advance(Duration.ofHours(1));
        assertThat(commit("ENABLED"))
                .extracting(MinimumThroughputBillingCommitmentOutput::startedAt)
                .isEqualTo(started);
        assertThat(commit("DISABLED"))
                .isEqualTo(new MinimumThroughputBillingCommitmentOutput(
                        "ENABLED_UNTIL_EARLIEST_ALLOWED_END", started, null, earliest));
        assertThat(commit("ENABLED"))
                .extracting(MinimumThroughputBillingCommitmentOutput::status)
                .isEqualTo("ENABLED");
        commit("DISABLED");
        // A restart keeps the account's record; the ending commitment ends by itself at its earliest end.
        kinesis = new KinesisEngine(clock, new KinesisConfig(Duration.ofMillis(500), 100, true), store);
        clock.advance(Duration.ofDays(1));
        assertThat(kinesis.describeAccountSettings(CONTEXT, new DescribeAccountSettingsRequest())
                        .minimumThroughputBillingCommitment())
                .isEqualTo(new MinimumThroughputBillingCommitmentOutput("DISABLED", started, earliest, earliest));
        Instant again = clock.instant();
        assertThat(commit("ENABLED"))
                .extracting(MinimumThroughputBillingCommitmentOutput::startedAt)
                .isEqualTo(again);
        clock.advance(Duration.ofDays(2));
        assertThat(commit("DISABLED"))
                .isEqualTo(new MinimumThroughputBillingCommitmentOutput(
                        "DISABLED", again, clock.instant(), again.plus(Duration.ofDays(1))));
        assertThat(commit("DISABLED"))
                .extracting(MinimumThroughputBillingCommitmentOutput::status)
                .isEqualTo("DISABLED");
        assertError(
                () -> kinesis.updateAccountSettings(CONTEXT, new UpdateAccountSettingsRequest(null)),
                KinesisError.Validation,
                "1 validation error detected: Value null at 'minimumThroughputBillingCommitment' failed to satisfy"
                        + " constraint: Member must not be null");
        assertError(
                () -> commit("MAYBE"),
                KinesisError.Validation,
                "1 validation error detected: Value 'MAYBE' at 'minimumThroughputBillingCommitment.status' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
        // The account record is no stream: a new engine over the store still has just the one.
        assertThat(new KinesisEngine(clock, new KinesisConfig(Duration.ofMillis(500), 100, true), store)
                        .listStreams(CONTEXT, new dev.wharf.kinesis.api.ListStreamsRequest(null, null, null))
                        .streamNames())
                .containsExactly("s");
    }
}

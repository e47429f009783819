package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.ROLE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.EncryptionConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationDescription;
import dev.wharf.firehose.api.ExtendedS3DestinationUpdate;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.firehose.api.S3DestinationDescription;
import dev.wharf.firehose.api.S3DestinationUpdate;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import dev.wharf.s3.api.BucketShapes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Source record backup (an Extended S3 destination's S3BackupMode Enabled): the records as they were put go to the
 * backup location while the transformed ones go to the destination; how the backup is described, updated, and retried.
 */
class FirehoseSourceBackupTest {

    private static final String VERSION_KEY = "clicks-1-2026-12-02-17-04-06-";

    private final ScriptedFunction function = new ScriptedFunction();
    private final FirehoseFixture fixture = new FirehoseFixture(function.functions());

    @AfterEach
    void close() {
        fixture.close();
    }

    private static ExtendedS3DestinationConfiguration destination(
            @Nullable String mode, @Nullable S3DestinationConfiguration backup, BufferingHints hints) {
        ExtendedS3DestinationConfiguration base =
                FirehoseTransformationTest.destination(FirehoseTransformationTest.lambda());
        return new ExtendedS3DestinationConfiguration(
                base.roleARN(),
                base.bucketARN(),
                base.prefix(),
                base.errorOutputPrefix(),
                hints,
                base.compressionFormat(),
                null,
                null,
                base.processingConfiguration(),
                mode,
                backup,
                null,
                null,
                null,
                null);
    }

    private static S3DestinationConfiguration backup(
            @Nullable String prefix, @Nullable BufferingHints hints, @Nullable String compression) {
        return new S3DestinationConfiguration(ROLE, "arn:aws:s3:::raw", prefix, null, hints, compression, null, null);
    }

    private List<String> keys(String bucket) {
        return fixture.objects(bucket).stream()
                .map(BucketShapes.ListedObject::key)
                .toList();
    }

    private ExtendedS3DestinationDescription described() {
        return Objects.requireNonNull(
                Objects.requireNonNull(fixture.describe("clicks").destinations())
                        .getFirst()
                        .extendedS3DestinationDescription());
    }

    private void update(String version, ExtendedS3DestinationUpdate update) {
        fixture.firehose.updateDestination(
                ALICE,
                new UpdateDestinationRequest(
                        "clicks",
                        version,
                        FirehoseEngine.DESTINATION,
                        null,
                        update,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    private static ExtendedS3DestinationUpdate backupUpdate(
            @Nullable String mode, @Nullable S3DestinationUpdate backup) {
        return new ExtendedS3DestinationUpdate(
                null, null, null, null, null, null, null, null, null, mode, backup, null, null, null, null);
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDestinationGetsTheTransformedRecordsAndTheBackupTheRecordsAsTheyWerePut() throws IOException {
        fixture.bucket("logs");
        fixture.bucket("raw");
        fixture.active("clicks", destination("Enabled", backup("source/", null, "GZIP"), new BufferingHints(1, 60)));
        function.script = ScriptedFunction::upperCase;
        fixture.put("clicks", "a");
        fixture.put("clicks", "b");

        fixture.clock.advance(Duration.ofSeconds(59));
        fixture.deliver();
        assertThat(keys("raw")).isEmpty();
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.deliver();

        assertThat(keys("logs")).singleElement().satisfies(key -> assertThat(
                        new String(fixture.body("logs", key), StandardCharsets.UTF_8))
                .isEqualTo("AB"));
        assertThat(keys("raw")).singleElement().satisfies(key -> {
            assertThat(key).startsWith("source/2026/12/02/17/" + VERSION_KEY).endsWith(".gz");
            assertThat(gunzip(fixture.body("raw", key))).isEqualTo("ab");
        });
        assertThat(fixture.storedRecords(0)).isZero();
        java.util.Map<dev.wharf.firehose.api.FirehoseMetric, dev.wharf.firehose.api.StatisticSet> metrics =
                fixture.firehose.metricsSnapshot().getFirst().metrics();
        assertThat(metrics.get(dev.wharf.firehose.api.FirehoseMetric.BACKUP_TO_S3_SUCCESS))
                .isEqualTo(new dev.wharf.firehose.api.StatisticSet(1, 1, 1, 1));
        assertThat(java.util.Objects.requireNonNull(
                                metrics.get(dev.wharf.firehose.api.FirehoseMetric.BACKUP_TO_S3_RECORDS))
                        .sum())
                .isEqualTo(2);
        assertThat(java.util.Objects.requireNonNull(
                                metrics.get(dev.wharf.firehose.api.FirehoseMetric.BACKUP_TO_S3_DATA_FRESHNESS))
                        .maximum())
                .as("put at the stream's first second, delivered 60 s later")
                .isEqualTo(60);
    }

    @Test
    void theBackupIsDescribedWithTheDefaultsOfAnS3Destination() {
        fixture.active("clicks", destination("Enabled", backup(null, null, null), new BufferingHints(1, 60)));

        ExtendedS3DestinationDescription extended = described();
        assertThat(extended.s3BackupMode()).isEqualTo("Enabled");
        S3DestinationDescription backup = Objects.requireNonNull(extended.s3BackupDescription());
        assertThat(backup.bucketARN()).isEqualTo("arn:aws:s3:::raw");
        assertThat(backup.roleARN()).isEqualTo(ROLE);
        assertThat(backup.prefix()).isEmpty();
        assertThat(backup.bufferingHints()).isEqualTo(new BufferingHints(5, 300));
        assertThat(backup.compressionFormat()).isEqualTo("UNCOMPRESSED");
        assertThat(backup.encryptionConfiguration()).isEqualTo(new EncryptionConfiguration("NoEncryption", null));
    }

    @Test
    void theBackupLocationIsCheckedAsAnS3DestinationIs() {
        assertError(
                () -> fixture.firehose.createDeliveryStream(
                        ALICE,
                        FirehoseFixture.create(
                                "clicks",
                                destination(
                                        "Enabled",
                                        backup(null, new BufferingHints(129, null), null),
                                        new BufferingHints(1, 60)))),
                FirehoseError.Validation,
                "1 validation error detected: Value '129' at"
                        + " 'extendedS3DestinationConfiguration.s3BackupConfiguration.bufferingHints.sizeInMBs' failed"
                        + " to satisfy constraint: Member must have value less than or equal to 128");
    }

    @Test
    void anUpdateCanEnableTheBackupButNotDisableIt() {
        fixture.active("clicks", destination(null, null, new BufferingHints(1, 60)));
        assertThat(described().s3BackupMode()).isEqualTo("Disabled");
        assertThat(described().s3BackupDescription()).isNull();
        assertError(
                () -> update("1", backupUpdate("Enabled", null)),
                FirehoseError.InvalidArgument,
                "S3BackupConfiguration must be specified when S3BackupMode is Enabled.");

        update(
                "1",
                backupUpdate(
                        "Enabled",
                        new S3DestinationUpdate(ROLE, "arn:aws:s3:::raw", "copy/", null, null, null, null, null)));
        assertThat(described().s3BackupMode()).isEqualTo("Enabled");
        assertThat(Objects.requireNonNull(described().s3BackupDescription()).prefix())
                .isEqualTo("copy/");

        update("2", backupUpdate(null, new S3DestinationUpdate(null, null, null, null, null, "GZIP", null, null)));
        S3DestinationDescription merged = Objects.requireNonNull(described().s3BackupDescription());
        assertThat(merged.prefix()).isEqualTo("copy/");
        assertThat(merged.compressionFormat()).isEqualTo("GZIP");

        assertError(
                () -> update("3", backupUpdate("Disabled", null)),
                FirehoseError.InvalidArgument,
                "S3BackupMode cannot be changed from Enabled to Disabled.");
        assertThat(described().s3BackupMode()).isEqualTo("Enabled");
    }

    @Test
    void aBufferLargerThanTheBackupsSizeIsBackedUpInSeveralObjectsInOrder() {
        fixture.bucket("logs");
        fixture.bucket("raw");
        fixture.active(
                "clicks",
                destination("Enabled", backup(null, new BufferingHints(1, 60), null), new BufferingHints(3, 60)));
        function.script = ScriptedFunction::upperCase;
        byte[][] records = new byte[3][];
        for (int i = 0; i < records.length; i++) {
            records[i] = new byte[700 * 1024];
            Arrays.fill(records[i], (byte) ('a' + i));
        }
        fixture.putBatch("clicks", List.of(records));

        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();

        assertThat(keys("logs")).hasSize(1);
        List<String> backups = keys("raw");
        assertThat(backups).hasSizeGreaterThan(1);
        StringBuilder joined = new StringBuilder();
        backups.stream()
                .sorted()
                .forEach(key -> joined.append(new String(fixture.body("raw", key), StandardCharsets.ISO_8859_1)));
        StringBuilder expected = new StringBuilder();
        for (byte[] record : records) {
            expected.append(new String(record, StandardCharsets.ISO_8859_1));
        }
        assertThat(joined.toString()).isEqualTo(expected.toString());
    }

    @Test
    void aBackupThatCannotBeWrittenFailsTheDeliveryWhichIsTriedAgain() {
        fixture.bucket("logs");
        fixture.active("clicks", destination("Enabled", backup(null, null, null), new BufferingHints(1, 60)));
        function.script = ScriptedFunction::upperCase;
        fixture.put("clicks", "a");

        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();
        assertThat(fixture.storedRecords(0)).isEqualTo(1);

        fixture.bucket("raw");
        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();
        assertThat(keys("raw")).singleElement().satisfies(key -> assertThat(
                        new String(fixture.body("raw", key), StandardCharsets.UTF_8))
                .isEqualTo("a"));
        assertThat(fixture.storedRecords(0)).isZero();
        // Delivered at least once: the destination's object of the failed attempt stays, and the retry wrote another.
        assertThat(keys("logs")).hasSize(2);
    }
}

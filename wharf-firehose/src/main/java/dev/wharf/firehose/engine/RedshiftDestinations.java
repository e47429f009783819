package dev.wharf.firehose.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.firehose.api.CloudWatchLoggingOptions;
import dev.wharf.firehose.api.CopyCommand;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.RedshiftDestinationConfiguration;
import dev.wharf.firehose.api.RedshiftDestinationDescription;
import dev.wharf.firehose.api.RedshiftDestinationUpdate;
import dev.wharf.firehose.api.RedshiftRetryOptions;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules of Redshift destinations: their members' constraints and AWS's defaults, how they describe (never with
 * the password) and how an update merges into them. The intermediate S3 configuration, where records are staged
 * before the COPY, is held as the stream's Extended S3 destination and checked by {@link S3Destinations}.
 */
final class RedshiftDestinations {

    static final String MEMBER = "redshiftDestinationConfiguration";

    /** AWS's default RetryOptions.DurationInSeconds for Redshift: an hour. */
    static final int DEFAULT_RETRY_SECONDS = 3600;

    private static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern JDBC_URL =
            Pattern.compile("jdbc:(redshift|postgresql)://((?!-)[A-Za-z0-9-]{1,63}(?<!-)\\.)+"
                    + "(redshift(-serverless)?)\\.([a-zA-Z0-9\\.\\-]+):\\d{1,5}/[a-zA-Z0-9_$-]+");
    private static final Pattern ANY = Pattern.compile(".*");
    private static final List<String> BACKUP_MODES = List.of("Disabled", "Enabled");

    private RedshiftDestinations() {}

    /** A Redshift destination as CreateDeliveryStream gives it, checked and with AWS's defaults filled in. */
    static RedshiftDestinationConfiguration created(String member, RedshiftDestinationConfiguration given) {
        CopyCommand copy = given.copyCommand();
        MemberConstraints check = MemberConstraints.check()
                .notNull(member + ".roleARN", given.roleARN())
                .notNull(member + ".clusterJDBCURL", given.clusterJDBCURL())
                .notNull(member + ".copyCommand", copy)
                .notNull(member + ".s3Configuration", given.s3Configuration())
                .length(member + ".roleARN", given.roleARN(), 1, 512, false)
                .pattern(member + ".roleARN", given.roleARN(), ROLE_ARN, false)
                .length(member + ".clusterJDBCURL", given.clusterJDBCURL(), 1, 512, false)
                .pattern(member + ".clusterJDBCURL", given.clusterJDBCURL(), JDBC_URL, false)
                .length(member + ".username", given.username(), 1, 512, true)
                .pattern(member + ".username", given.username(), ANY, true)
                .length(member + ".password", given.password(), 6, 512, true)
                .pattern(member + ".password", given.password(), ANY, true)
                .oneOf(member + ".s3BackupMode", given.s3BackupMode(), BACKUP_MODES);
        if (copy != null) {
            check.notNull(member + ".copyCommand.dataTableName", copy.dataTableName())
                    .length(member + ".copyCommand.dataTableName", copy.dataTableName(), 1, Integer.MAX_VALUE, false)
                    .pattern(member + ".copyCommand.dataTableName", copy.dataTableName(), ANY, false)
                    .pattern(member + ".copyCommand.dataTableColumns", copy.dataTableColumns(), ANY, false)
                    .pattern(member + ".copyCommand.copyOptions", copy.copyOptions(), ANY, false);
        }
        if (given.retryOptions() != null) {
            check.range(
                    member + ".retryOptions.durationInSeconds",
                    given.retryOptions().durationInSeconds(),
                    0,
                    7200);
        }
        check.validate(FirehoseError.Validation);
        if (given.secretsManagerConfiguration() != null
                && Boolean.TRUE.equals(given.secretsManagerConfiguration().enabled())) {
            throw FirehoseError.InvalidArgument.with(
                    "Wharf has no Secrets Manager; give the Username and Password of the Redshift destination.");
        }
        if (given.username() == null || given.password() == null) {
            throw FirehoseError.InvalidArgument.with(
                    "Username and Password are required when SecretsManagerConfiguration is not enabled.");
        }
        S3DestinationConfiguration backup = S3Destinations.backup(
                member + ".s3BackupConfiguration", given.s3BackupMode(), given.s3BackupConfiguration());
        S3DestinationConfiguration staging = Objects.requireNonNull(given.s3Configuration());
        if ("Snappy".equals(staging.compressionFormat())
                || "ZIP".equals(staging.compressionFormat())
                || "HADOOP_SNAPPY".equals(staging.compressionFormat())) {
            throw FirehoseError.InvalidArgument.with("Compression format " + staging.compressionFormat()
                    + " is not supported for the Redshift destination, since Redshift's COPY does not read it.");
        }
        // The staging configuration is checked with the rules of an S3 destination.
        ExtendedS3DestinationConfiguration held = S3Destinations.created(member + ".s3Configuration", staging);
        // Processors run as for the other destinations without dynamic partitioning (no MetadataExtraction).
        HttpEndpointDestinations.unsupported(given.processingConfiguration(), null, held);
        return new RedshiftDestinationConfiguration(
                given.roleARN(),
                given.clusterJDBCURL(),
                copy,
                given.username(),
                given.password(),
                given.retryOptions() == null || given.retryOptions().durationInSeconds() == null
                        ? new RedshiftRetryOptions(DEFAULT_RETRY_SECONDS)
                        : given.retryOptions(),
                staging,
                given.processingConfiguration(),
                given.s3BackupMode() == null ? "Disabled" : given.s3BackupMode(),
                backup,
                given.cloudWatchLoggingOptions() == null
                        ? new CloudWatchLoggingOptions(false, null, null)
                        : given.cloudWatchLoggingOptions(),
                null);
    }

    /** A destination as the stream holds it: the destination, and its staging location as the stream's S3 one. */
    static OtherDestinations.Made made(RedshiftDestinationConfiguration held) {
        return new OtherDestinations.Made(
                new FirehoseRecords.OtherDestination(null, null, null, null, held), staging(held));
    }

    /**
     * The stream as the staging {@link S3Sink} sees it: its staging location with the destination's processors, so that
     * they run before the records are staged and {@code processing-failed} records go under its ErrorOutputPrefix.
     */
    static FirehoseRecords.StoredStream stagingView(
            FirehoseRecords.StoredStream stream, RedshiftDestinationConfiguration held) {
        ExtendedS3DestinationConfiguration staging = stream.destination();
        return new FirehoseRecords.StoredStream(
                stream.id(),
                stream.accountId(),
                stream.name(),
                stream.type(),
                stream.createdMillis(),
                stream.updatedMillis(),
                stream.version(),
                stream.deleting(),
                stream.kinesisSource(),
                new ExtendedS3DestinationConfiguration(
                        staging.roleARN(),
                        staging.bucketARN(),
                        staging.prefix(),
                        staging.errorOutputPrefix(),
                        staging.bufferingHints(),
                        staging.compressionFormat(),
                        staging.encryptionConfiguration(),
                        staging.cloudWatchLoggingOptions(),
                        held.processingConfiguration(),
                        staging.s3BackupMode(),
                        staging.s3BackupConfiguration(),
                        staging.dataFormatConversionConfiguration(),
                        staging.dynamicPartitioningConfiguration(),
                        staging.fileExtension(),
                        staging.customTimeZone()),
                stream.s3Only(),
                stream.tags(),
                stream.encryption(),
                stream.other());
    }

    /** The staging location of a destination as the stream holds it, an Extended S3 configuration. */
    static ExtendedS3DestinationConfiguration staging(RedshiftDestinationConfiguration held) {
        return S3Destinations.created(MEMBER + ".s3Configuration", Objects.requireNonNull(held.s3Configuration()));
    }

    /** The destination with an update applied: members the update names replace those it held. */
    static RedshiftDestinationConfiguration updated(
            RedshiftDestinationConfiguration held,
            ExtendedS3DestinationConfiguration staging,
            RedshiftDestinationUpdate update) {
        S3DestinationConfiguration nextStaging = Objects.requireNonNull(held.s3Configuration());
        if (update.s3Update() != null) {
            ExtendedS3DestinationConfiguration merged = S3Destinations.updated(staging, update.s3Update());
            nextStaging = OtherDestinations.asS3(merged);
        }
        CopyCommand copy = held.copyCommand();
        if (update.copyCommand() != null) {
            copy = update.copyCommand();
        }
        return created(
                "redshiftDestinationUpdate",
                new RedshiftDestinationConfiguration(
                        or(update.roleARN(), held.roleARN()),
                        or(update.clusterJDBCURL(), held.clusterJDBCURL()),
                        copy,
                        or(update.username(), held.username()),
                        or(update.password(), held.password()),
                        or(update.retryOptions(), held.retryOptions()),
                        nextStaging,
                        or(update.processingConfiguration(), held.processingConfiguration()),
                        or(update.s3BackupMode(), held.s3BackupMode()),
                        S3Destinations.backupUpdated(
                                held.s3BackupMode(),
                                update.s3BackupMode(),
                                held.s3BackupConfiguration(),
                                update.s3BackupUpdate()),
                        or(update.cloudWatchLoggingOptions(), held.cloudWatchLoggingOptions()),
                        or(update.secretsManagerConfiguration(), held.secretsManagerConfiguration())));
    }

    /** The destination as DescribeDeliveryStream shows it: everything but the password. */
    static RedshiftDestinationDescription describe(
            RedshiftDestinationConfiguration held, ExtendedS3DestinationConfiguration staging) {
        return new RedshiftDestinationDescription(
                held.roleARN(),
                held.clusterJDBCURL(),
                held.copyCommand(),
                held.username(),
                held.retryOptions(),
                S3Destinations.describeS3(staging),
                held.processingConfiguration(),
                held.s3BackupMode(),
                S3Destinations.describeBackup(held.s3BackupConfiguration()),
                held.cloudWatchLoggingOptions(),
                held.secretsManagerConfiguration());
    }

    /** How long failed loads are retried, in milliseconds. */
    static long retryMillis(RedshiftDestinationConfiguration held) {
        RedshiftRetryOptions retry = held.retryOptions();
        return (retry == null || retry.durationInSeconds() == null ? DEFAULT_RETRY_SECONDS : retry.durationInSeconds())
                * 1000L;
    }

    private static <T> @Nullable T or(@Nullable T update, @Nullable T held) {
        return update != null ? update : held;
    }
}

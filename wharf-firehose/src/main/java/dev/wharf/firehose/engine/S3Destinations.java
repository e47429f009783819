package dev.wharf.firehose.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.CloudWatchLoggingOptions;
import dev.wharf.firehose.api.EncryptionConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationDescription;
import dev.wharf.firehose.api.ExtendedS3DestinationUpdate;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.FirehoseLimits;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.firehose.api.S3DestinationDescription;
import dev.wharf.firehose.api.S3DestinationUpdate;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules of S3 and Extended S3 destinations: their members' constraints, the defaults that DescribeDeliveryStream
 * shows, and how UpdateDestination merges an update into them. An S3 destination is held as an Extended S3 one without
 * the extended members, as AWS describes both alike.
 */
final class S3Destinations {

    static final List<String> COMPRESSIONS = List.of("UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY");
    private static final List<String> BACKUP_MODES = List.of("Disabled", "Enabled");
    private static final Pattern BUCKET_ARN = Pattern.compile("arn:.*:s3:::[\\w\\.\\-]{1,255}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern ANY = Pattern.compile(".*");
    private static final Pattern FILE_EXTENSION = Pattern.compile("^$|\\.[0-9a-z!\\-_.*'()]+");
    private static final Pattern TIME_ZONE = Pattern.compile("^$|[a-zA-Z/_]+");

    private S3Destinations() {}

    /** An Extended S3 destination as CreateDeliveryStream gives it, checked and with AWS's defaults filled in. */
    static ExtendedS3DestinationConfiguration created(String member, ExtendedS3DestinationConfiguration given) {
        MemberConstraints check = MemberConstraints.check()
                .notNull(member + ".roleARN", given.roleARN())
                .notNull(member + ".bucketARN", given.bucketARN());
        common(
                check,
                member,
                given.roleARN(),
                given.bucketARN(),
                given.prefix(),
                given.errorOutputPrefix(),
                given.bufferingHints(),
                given.compressionFormat());
        check.oneOf(member + ".s3BackupMode", given.s3BackupMode(), BACKUP_MODES)
                .length(member + ".fileExtension", given.fileExtension(), 0, 128, false)
                .pattern(member + ".fileExtension", given.fileExtension(), FILE_EXTENSION, false)
                .length(member + ".customTimeZone", given.customTimeZone(), 0, 50, false)
                .pattern(member + ".customTimeZone", given.customTimeZone(), TIME_ZONE, false);
        check.validate(FirehoseError.Validation);
        unsupported(given);
        S3DestinationConfiguration backup =
                backup(member + ".s3BackupConfiguration", given.s3BackupMode(), given.s3BackupConfiguration());
        ExtendedS3DestinationConfiguration filled = new ExtendedS3DestinationConfiguration(
                given.roleARN(),
                given.bucketARN(),
                given.prefix(),
                given.errorOutputPrefix(),
                Partitioning.enabled(given.dynamicPartitioningConfiguration())
                        ? Partitioning.hints(given.bufferingHints())
                        : hints(given.bufferingHints()),
                given.compressionFormat() == null ? "UNCOMPRESSED" : given.compressionFormat(),
                encryption(given.encryptionConfiguration()),
                logging(given.cloudWatchLoggingOptions()),
                given.processingConfiguration(),
                given.s3BackupMode() == null ? "Disabled" : given.s3BackupMode(),
                backup,
                given.dataFormatConversionConfiguration(),
                given.dynamicPartitioningConfiguration(),
                given.fileExtension(),
                given.customTimeZone());
        Prefixes.check(filled);
        // The processors and the partitioning rules, which RecordPipeline runs.
        Processors.of(filled);
        Partitioning.check(filled);
        return FormatConversion.checked(member, given, filled);
    }

    /** An S3 destination as CreateDeliveryStream gives it, checked and held as an Extended S3 one. */
    static ExtendedS3DestinationConfiguration created(String member, S3DestinationConfiguration given) {
        return created(
                member,
                new ExtendedS3DestinationConfiguration(
                        given.roleARN(),
                        given.bucketARN(),
                        given.prefix(),
                        given.errorOutputPrefix(),
                        given.bufferingHints(),
                        given.compressionFormat(),
                        given.encryptionConfiguration(),
                        given.cloudWatchLoggingOptions(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    /** The destination with an Extended S3 update applied: members the update names replace those it held. */
    static ExtendedS3DestinationConfiguration updated(
            ExtendedS3DestinationConfiguration held, ExtendedS3DestinationUpdate update) {
        return updated("extendedS3DestinationUpdate", held, update);
    }

    /** The same, with violations named under {@code member}, the request's member that held the update. */
    private static ExtendedS3DestinationConfiguration updated(
            String member, ExtendedS3DestinationConfiguration held, ExtendedS3DestinationUpdate update) {
        ExtendedS3DestinationConfiguration next = new ExtendedS3DestinationConfiguration(
                or(update.roleARN(), held.roleARN()),
                or(update.bucketARN(), held.bucketARN()),
                or(update.prefix(), held.prefix()),
                or(update.errorOutputPrefix(), held.errorOutputPrefix()),
                update.bufferingHints() == null ? held.bufferingHints() : merged(held, update.bufferingHints()),
                or(update.compressionFormat(), held.compressionFormat()),
                or(update.encryptionConfiguration(), held.encryptionConfiguration()),
                or(update.cloudWatchLoggingOptions(), held.cloudWatchLoggingOptions()),
                or(update.processingConfiguration(), held.processingConfiguration()),
                or(update.s3BackupMode(), held.s3BackupMode()),
                backupUpdated(
                        held.s3BackupMode(),
                        update.s3BackupMode(),
                        held.s3BackupConfiguration(),
                        update.s3BackupUpdate()),
                or(update.dataFormatConversionConfiguration(), held.dataFormatConversionConfiguration()),
                or(update.dynamicPartitioningConfiguration(), held.dynamicPartitioningConfiguration()),
                or(update.fileExtension(), held.fileExtension()),
                or(update.customTimeZone(), held.customTimeZone()));
        ExtendedS3DestinationConfiguration made = created(member, next);
        Partitioning.checkUpdate(held, made);
        return made;
    }

    /** The destination with an S3 update applied. */
    static ExtendedS3DestinationConfiguration updated(
            ExtendedS3DestinationConfiguration held, S3DestinationUpdate update) {
        return updated(
                "s3DestinationUpdate",
                held,
                new ExtendedS3DestinationUpdate(
                        update.roleARN(),
                        update.bucketARN(),
                        update.prefix(),
                        update.errorOutputPrefix(),
                        update.bufferingHints(),
                        update.compressionFormat(),
                        update.encryptionConfiguration(),
                        update.cloudWatchLoggingOptions(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    static S3DestinationDescription describeS3(ExtendedS3DestinationConfiguration held) {
        return new S3DestinationDescription(
                held.roleARN(),
                held.bucketARN(),
                held.prefix() == null ? "" : held.prefix(),
                held.errorOutputPrefix(),
                held.bufferingHints(),
                held.compressionFormat(),
                held.encryptionConfiguration(),
                held.cloudWatchLoggingOptions());
    }

    static ExtendedS3DestinationDescription describeExtended(ExtendedS3DestinationConfiguration held) {
        return new ExtendedS3DestinationDescription(
                held.roleARN(),
                held.bucketARN(),
                held.prefix() == null ? "" : held.prefix(),
                held.errorOutputPrefix(),
                held.bufferingHints(),
                held.compressionFormat(),
                held.encryptionConfiguration(),
                held.cloudWatchLoggingOptions(),
                held.processingConfiguration(),
                held.s3BackupMode(),
                describeBackup(held.s3BackupConfiguration()),
                held.dataFormatConversionConfiguration(),
                held.dynamicPartitioningConfiguration(),
                held.fileExtension(),
                held.customTimeZone());
    }

    /** The bucket's name from its ARN ({@code arn:aws:s3:::name}). */
    static String bucketOf(ExtendedS3DestinationConfiguration held) {
        String arn = String.valueOf(held.bucketARN());
        return arn.substring(arn.indexOf(":::") + 3);
    }

    /** The buffer's size hint in bytes. */
    static long sizeBytes(ExtendedS3DestinationConfiguration held) {
        BufferingHints hints = hints(held.bufferingHints());
        return (long) java.util.Objects.requireNonNull(hints.sizeInMBs()) * 1024 * 1024;
    }

    /** The buffer's interval hint in milliseconds. */
    static long intervalMillis(ExtendedS3DestinationConfiguration held) {
        BufferingHints hints = hints(held.bufferingHints());
        return java.util.Objects.requireNonNull(hints.intervalInSeconds()) * 1000L;
    }

    private static void common(
            MemberConstraints check,
            String member,
            @Nullable String role,
            @Nullable String bucket,
            @Nullable String prefix,
            @Nullable String errorPrefix,
            @Nullable BufferingHints hints,
            @Nullable String compression) {
        check.length(member + ".roleARN", role, 1, 512, false)
                .pattern(member + ".roleARN", role, ROLE_ARN, false)
                .length(member + ".bucketARN", bucket, 1, 2048, false)
                .pattern(member + ".bucketARN", bucket, BUCKET_ARN, false)
                .length(member + ".prefix", prefix, 0, 1024, false)
                .pattern(member + ".prefix", prefix, ANY, false)
                .length(member + ".errorOutputPrefix", errorPrefix, 0, 1024, false)
                .pattern(member + ".errorOutputPrefix", errorPrefix, ANY, false)
                .oneOf(member + ".compressionFormat", compression, COMPRESSIONS);
        if (hints != null) {
            check.range(
                            member + ".bufferingHints.sizeInMBs",
                            hints.sizeInMBs(),
                            FirehoseLimits.BUFFER_SIZE_MIN_MB,
                            FirehoseLimits.BUFFER_SIZE_MAX_MB)
                    .range(
                            member + ".bufferingHints.intervalInSeconds",
                            hints.intervalInSeconds(),
                            0,
                            FirehoseLimits.BUFFER_INTERVAL_MAX_SECONDS);
        }
    }

    /** Refuses the members whose delivery Wharf does not do yet, rather than accept and ignore them. */
    private static void unsupported(ExtendedS3DestinationConfiguration given) {
        String zone = given.customTimeZone();
        if (zone != null && !zone.isEmpty() && !zone.equals("UTC")) {
            throw FirehoseError.InvalidArgument.with(
                    "Wharf evaluates the timestamps of object keys in UTC only; CustomTimeZone " + zone
                            + " is not served yet.");
        }
    }

    /**
     * The source record backup of a destination as CreateDeliveryStream gives it, checked with the rules of an S3
     * destination and with its defaults filled in: required when {@code mode} is Enabled, kept when given otherwise.
     */
    static @Nullable S3DestinationConfiguration backup(
            String member, @Nullable String mode, @Nullable S3DestinationConfiguration given) {
        if (given == null) {
            if ("Enabled".equals(mode)) {
                throw FirehoseError.InvalidArgument.with(
                        "S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
            }
            return null;
        }
        return OtherDestinations.asS3(created(member, given));
    }

    /**
     * The source record backup with an update applied, as UpdateDestination makes it: once Enabled, the backup cannot
     * be disabled again; an update names the members it changes, or the whole backup where the destination had none.
     */
    static @Nullable S3DestinationConfiguration backupUpdated(
            @Nullable String heldMode,
            @Nullable String nextMode,
            @Nullable S3DestinationConfiguration held,
            @Nullable S3DestinationUpdate update) {
        if ("Enabled".equals(heldMode) && "Disabled".equals(nextMode)) {
            throw FirehoseError.InvalidArgument.with("S3BackupMode cannot be changed from Enabled to Disabled.");
        }
        if (update == null) {
            return held;
        }
        if (held != null) {
            return OtherDestinations.asS3(updated(created("s3BackupUpdate", held), update));
        }
        return new S3DestinationConfiguration(
                update.roleARN(),
                update.bucketARN(),
                update.prefix(),
                update.errorOutputPrefix(),
                update.bufferingHints(),
                update.compressionFormat(),
                update.encryptionConfiguration(),
                update.cloudWatchLoggingOptions());
    }

    /** Whether a destination backs up its source records, untransformed, to an S3 location of their own. */
    static boolean backsUp(ExtendedS3DestinationConfiguration held) {
        return "Enabled".equals(held.s3BackupMode()) && held.s3BackupConfiguration() != null;
    }

    /** The source record backup as DescribeDeliveryStream shows it, or null for none. */
    static @Nullable S3DestinationDescription describeBackup(@Nullable S3DestinationConfiguration backup) {
        return backup == null ? null : describeS3(created("s3BackupConfiguration", backup));
    }

    static BufferingHints hints(@Nullable BufferingHints given) {
        return new BufferingHints(
                given == null || given.sizeInMBs() == null ? FirehoseLimits.DEFAULT_BUFFER_SIZE_MB : given.sizeInMBs(),
                given == null || given.intervalInSeconds() == null
                        ? FirehoseLimits.DEFAULT_BUFFER_INTERVAL_SECONDS
                        : given.intervalInSeconds());
    }

    private static BufferingHints merged(ExtendedS3DestinationConfiguration held, BufferingHints update) {
        BufferingHints before = hints(held.bufferingHints());
        return new BufferingHints(
                or(update.sizeInMBs(), before.sizeInMBs()), or(update.intervalInSeconds(), before.intervalInSeconds()));
    }

    private static EncryptionConfiguration encryption(@Nullable EncryptionConfiguration given) {
        return given == null || (given.noEncryptionConfig() == null && given.kMSEncryptionConfig() == null)
                ? new EncryptionConfiguration("NoEncryption", null)
                : given;
    }

    private static CloudWatchLoggingOptions logging(@Nullable CloudWatchLoggingOptions given) {
        return given == null ? new CloudWatchLoggingOptions(false, null, null) : given;
    }

    private static <T> @Nullable T or(@Nullable T update, @Nullable T held) {
        return update != null ? update : held;
    }
}

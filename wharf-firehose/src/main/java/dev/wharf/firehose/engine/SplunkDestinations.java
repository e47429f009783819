package dev.wharf.firehose.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.SplunkBufferingHints;
import dev.wharf.firehose.api.SplunkDestinationConfiguration;
import dev.wharf.firehose.api.SplunkDestinationDescription;
import dev.wharf.firehose.api.SplunkDestinationUpdate;
import dev.wharf.firehose.api.SplunkRetryOptions;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules of Splunk destinations: their members' constraints (the service model's), the defaults that
 * DescribeDeliveryStream shows (buffering 5 MB or 60 s, acknowledgment timeout 180 s, retries for 3600 s, S3BackupMode
 * FailedEventsOnly), and how UpdateDestination merges an update. The destination's S3 configuration, its backup
 * location, is held as the stream's Extended S3 destination.
 */
final class SplunkDestinations {

    static final String MEMBER = "splunkDestinationConfiguration";
    static final int SIZE_MAX_MB = 5;
    static final int DEFAULT_SIZE_MB = 5;
    static final int INTERVAL_MAX_SECONDS = 60;
    static final int DEFAULT_INTERVAL_SECONDS = 60;
    static final int ACK_MIN_SECONDS = 180;
    static final int ACK_MAX_SECONDS = 600;
    static final int DEFAULT_ACK_SECONDS = 180;
    static final int RETRY_MAX_SECONDS = 7200;
    static final int DEFAULT_RETRY_SECONDS = 3600;
    static final List<String> TYPES = List.of("Raw", "Event");
    static final List<String> BACKUP_MODES = List.of("FailedEventsOnly", "AllEvents");

    private static final Pattern ANY = Pattern.compile(".*");
    /** An endpoint Wharf can post to: the model takes any string, a post needs an absolute HTTP(S) URL. */
    private static final Pattern URL = Pattern.compile("https?://[^/?#\\s]+(/[^?#\\s]*)?");

    private SplunkDestinations() {}

    /** The destination as CreateDeliveryStream gives it, checked and with AWS's defaults filled in. */
    static OtherDestinations.Made created(SplunkDestinationConfiguration given) {
        return created(MEMBER, given);
    }

    private static OtherDestinations.Made created(String member, SplunkDestinationConfiguration given) {
        MemberConstraints check = MemberConstraints.check()
                .notNull(member + ".hECEndpoint", given.hECEndpoint())
                .length(member + ".hECEndpoint", given.hECEndpoint(), 0, 2048, false)
                .pattern(member + ".hECEndpoint", given.hECEndpoint(), ANY, false)
                .notNull(member + ".hECEndpointType", given.hECEndpointType())
                .oneOf(member + ".hECEndpointType", given.hECEndpointType(), TYPES)
                .length(member + ".hECToken", given.hECToken(), 0, 2048, true)
                .pattern(member + ".hECToken", given.hECToken(), ANY, true)
                .range(
                        member + ".hECAcknowledgmentTimeoutInSeconds",
                        given.hECAcknowledgmentTimeoutInSeconds(),
                        ACK_MIN_SECONDS,
                        ACK_MAX_SECONDS)
                .oneOf(member + ".s3BackupMode", given.s3BackupMode(), BACKUP_MODES)
                .notNull(member + ".s3Configuration", given.s3Configuration());
        SplunkRetryOptions retry = given.retryOptions();
        if (retry != null) {
            check.range(member + ".retryOptions.durationInSeconds", retry.durationInSeconds(), 0, RETRY_MAX_SECONDS);
        }
        SplunkBufferingHints hints = given.bufferingHints();
        if (hints != null) {
            check.range(
                            member + ".bufferingHints.intervalInSeconds",
                            hints.intervalInSeconds(),
                            0,
                            INTERVAL_MAX_SECONDS)
                    .range(member + ".bufferingHints.sizeInMBs", hints.sizeInMBs(), 1, SIZE_MAX_MB);
        }
        check.validate(FirehoseError.Validation);
        ExtendedS3DestinationConfiguration backup =
                S3Destinations.created(member + ".s3Configuration", Objects.requireNonNull(given.s3Configuration()));
        if (given.secretsManagerConfiguration() != null
                && Boolean.TRUE.equals(given.secretsManagerConfiguration().enabled())) {
            throw FirehoseError.InvalidArgument.with(
                    "Wharf has no Secrets Manager; give the HECToken of the Splunk destination.");
        }
        if (given.hECToken() == null || given.hECToken().isEmpty()) {
            throw FirehoseError.InvalidArgument.with(
                    "HECToken is required when SecretsManagerConfiguration is not enabled.");
        }
        if (!URL.matcher(String.valueOf(given.hECEndpoint())).matches()) {
            throw FirehoseError.InvalidArgument.with("HECEndpoint " + given.hECEndpoint()
                    + " is not a valid URL: Wharf posts to http:// or https:// endpoints with a host.");
        }
        HttpEndpointDestinations.checkProcessing(given.processingConfiguration(), backup);
        SplunkDestinationConfiguration filled = new SplunkDestinationConfiguration(
                given.hECEndpoint(),
                given.hECEndpointType(),
                given.hECToken(),
                given.hECAcknowledgmentTimeoutInSeconds() == null
                        ? DEFAULT_ACK_SECONDS
                        : given.hECAcknowledgmentTimeoutInSeconds(),
                new SplunkRetryOptions(
                        retry == null || retry.durationInSeconds() == null
                                ? DEFAULT_RETRY_SECONDS
                                : retry.durationInSeconds()),
                given.s3BackupMode() == null ? "FailedEventsOnly" : given.s3BackupMode(),
                null,
                given.processingConfiguration(),
                HttpEndpointDestinations.logging(given.cloudWatchLoggingOptions()),
                hints(hints),
                given.secretsManagerConfiguration());
        return new OtherDestinations.Made(new FirehoseRecords.OtherDestination(null, null, null, filled, null), backup);
    }

    /**
     * The destination with an update applied: members the update names replace those it held.
     *
     * @throws dev.wharf.common.AwsException InvalidArgumentException when the update turns AllEvents back to
     *     FailedEventsOnly, which AWS does not allow
     */
    static OtherDestinations.Made updated(
            SplunkDestinationConfiguration held,
            ExtendedS3DestinationConfiguration backup,
            SplunkDestinationUpdate update) {
        if ("AllEvents".equals(held.s3BackupMode()) && "FailedEventsOnly".equals(update.s3BackupMode())) {
            throw FirehoseError.InvalidArgument.with(
                    "S3BackupMode cannot be changed from AllEvents to FailedEventsOnly.");
        }
        SplunkBufferingHints before = hints(held.bufferingHints());
        SplunkBufferingHints hints = update.bufferingHints() == null
                ? before
                : new SplunkBufferingHints(
                        HttpEndpointDestinations.or(
                                update.bufferingHints().intervalInSeconds(), before.intervalInSeconds()),
                        HttpEndpointDestinations.or(update.bufferingHints().sizeInMBs(), before.sizeInMBs()));
        ExtendedS3DestinationConfiguration nextBackup =
                update.s3Update() == null ? backup : S3Destinations.updated(backup, update.s3Update());
        SplunkDestinationConfiguration next = new SplunkDestinationConfiguration(
                HttpEndpointDestinations.or(update.hECEndpoint(), held.hECEndpoint()),
                HttpEndpointDestinations.or(update.hECEndpointType(), held.hECEndpointType()),
                HttpEndpointDestinations.or(update.hECToken(), held.hECToken()),
                HttpEndpointDestinations.or(
                        update.hECAcknowledgmentTimeoutInSeconds(), held.hECAcknowledgmentTimeoutInSeconds()),
                HttpEndpointDestinations.or(update.retryOptions(), held.retryOptions()),
                HttpEndpointDestinations.or(update.s3BackupMode(), held.s3BackupMode()),
                OtherDestinations.asS3(nextBackup),
                HttpEndpointDestinations.or(update.processingConfiguration(), held.processingConfiguration()),
                HttpEndpointDestinations.or(update.cloudWatchLoggingOptions(), held.cloudWatchLoggingOptions()),
                hints,
                HttpEndpointDestinations.or(update.secretsManagerConfiguration(), held.secretsManagerConfiguration()));
        OtherDestinations.Made made = created("splunkDestinationUpdate", next);
        return new OtherDestinations.Made(made.other(), nextBackup);
    }

    /** How DescribeDeliveryStream shows it: as AWS does, with the HECToken. */
    static SplunkDestinationDescription describe(
            SplunkDestinationConfiguration held, ExtendedS3DestinationConfiguration backup) {
        return new SplunkDestinationDescription(
                held.hECEndpoint(),
                held.hECEndpointType(),
                held.hECToken(),
                held.hECAcknowledgmentTimeoutInSeconds(),
                held.retryOptions(),
                held.s3BackupMode(),
                S3Destinations.describeS3(backup),
                held.processingConfiguration(),
                held.cloudWatchLoggingOptions(),
                held.bufferingHints(),
                held.secretsManagerConfiguration());
    }

    static long sizeBytes(SplunkDestinationConfiguration held) {
        return (long) Objects.requireNonNull(hints(held.bufferingHints()).sizeInMBs()) * 1024 * 1024;
    }

    static long intervalMillis(SplunkDestinationConfiguration held) {
        return Objects.requireNonNull(hints(held.bufferingHints()).intervalInSeconds()) * 1000L;
    }

    static long retryMillis(SplunkDestinationConfiguration held) {
        SplunkRetryOptions retry = held.retryOptions();
        return (retry == null || retry.durationInSeconds() == null ? DEFAULT_RETRY_SECONDS : retry.durationInSeconds())
                * 1000L;
    }

    static long ackTimeoutMillis(SplunkDestinationConfiguration held) {
        Integer seconds = held.hECAcknowledgmentTimeoutInSeconds();
        return (seconds == null ? DEFAULT_ACK_SECONDS : seconds) * 1000L;
    }

    private static SplunkBufferingHints hints(@Nullable SplunkBufferingHints given) {
        return new SplunkBufferingHints(
                given == null || given.intervalInSeconds() == null
                        ? DEFAULT_INTERVAL_SECONDS
                        : given.intervalInSeconds(),
                given == null || given.sizeInMBs() == null ? DEFAULT_SIZE_MB : given.sizeInMBs());
    }
}

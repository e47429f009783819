package dev.wharf.firehose.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.firehose.api.CloudWatchLoggingOptions;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.HttpEndpointBufferingHints;
import dev.wharf.firehose.api.HttpEndpointCommonAttribute;
import dev.wharf.firehose.api.HttpEndpointConfiguration;
import dev.wharf.firehose.api.HttpEndpointDescription;
import dev.wharf.firehose.api.HttpEndpointDestinationConfiguration;
import dev.wharf.firehose.api.HttpEndpointDestinationDescription;
import dev.wharf.firehose.api.HttpEndpointDestinationUpdate;
import dev.wharf.firehose.api.HttpEndpointRequestConfiguration;
import dev.wharf.firehose.api.HttpEndpointRetryOptions;
import dev.wharf.firehose.api.ProcessingConfiguration;
import dev.wharf.firehose.api.SecretsManagerConfiguration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules of HTTP endpoint destinations: their members' constraints (the service model's), the defaults that
 * DescribeDeliveryStream shows (buffering 5 MiB or 300 s, retries for 300 s, ContentEncoding NONE, S3BackupMode
 * FailedDataOnly), and how UpdateDestination merges an update. The destination's S3 configuration, its backup
 * location, is held as the stream's Extended S3 destination.
 */
final class HttpEndpointDestinations {

    static final String MEMBER = "httpEndpointDestinationConfiguration";
    static final int SIZE_MIN_MB = 1;
    static final int SIZE_MAX_MB = 64;
    static final int DEFAULT_SIZE_MB = 5;
    static final int INTERVAL_MAX_SECONDS = 900;
    static final int DEFAULT_INTERVAL_SECONDS = 300;
    static final int RETRY_MAX_SECONDS = 7200;
    static final int DEFAULT_RETRY_SECONDS = 300;
    static final int COMMON_ATTRIBUTES_MAX = 50;
    static final List<String> ENCODINGS = List.of("NONE", "GZIP");
    static final List<String> BACKUP_MODES = List.of("FailedDataOnly", "AllData");

    /** The model's pattern; Wharf takes {@code http://} too ({@link #PLAIN_URL}), for plain-HTTP receivers. */
    private static final Pattern URL = Pattern.compile("https://.*");

    private static final Pattern PLAIN_URL = Pattern.compile("http://.*");

    private static final Pattern NON_EMPTY = Pattern.compile("^(?!\\s*$).+");
    private static final Pattern ANY = Pattern.compile(".*");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");

    private HttpEndpointDestinations() {}

    /**
     * The destination as CreateDeliveryStream gives it, checked and with AWS's defaults filled in.
     *
     * @return the destination and its S3 backup location
     */
    static OtherDestinations.Made created(HttpEndpointDestinationConfiguration given) {
        return created(MEMBER, given);
    }

    private static OtherDestinations.Made created(String member, HttpEndpointDestinationConfiguration given) {
        MemberConstraints check = MemberConstraints.check()
                .notNull(member + ".endpointConfiguration", given.endpointConfiguration())
                .notNull(member + ".s3Configuration", given.s3Configuration());
        HttpEndpointConfiguration endpoint = given.endpointConfiguration();
        if (endpoint != null) {
            check.notNull(member + ".endpointConfiguration.url", endpoint.url())
                    .length(member + ".endpointConfiguration.url", endpoint.url(), 1, 1000, true)
                    .pattern(
                            member + ".endpointConfiguration.url",
                            endpoint.url() != null
                                            && PLAIN_URL.matcher(endpoint.url()).matches()
                                    ? null
                                    : endpoint.url(),
                            URL,
                            true)
                    .length(member + ".endpointConfiguration.name", endpoint.name(), 1, 256, false)
                    .pattern(member + ".endpointConfiguration.name", endpoint.name(), NON_EMPTY, false)
                    .length(member + ".endpointConfiguration.accessKey", endpoint.accessKey(), 0, 4096, true)
                    .pattern(member + ".endpointConfiguration.accessKey", endpoint.accessKey(), ANY, true);
        }
        HttpEndpointBufferingHints hints = given.bufferingHints();
        if (hints != null) {
            check.range(member + ".bufferingHints.sizeInMBs", hints.sizeInMBs(), SIZE_MIN_MB, SIZE_MAX_MB)
                    .range(
                            member + ".bufferingHints.intervalInSeconds",
                            hints.intervalInSeconds(),
                            0,
                            INTERVAL_MAX_SECONDS);
        }
        HttpEndpointRequestConfiguration request = given.requestConfiguration();
        if (request != null) {
            check.oneOf(member + ".requestConfiguration.contentEncoding", request.contentEncoding(), ENCODINGS)
                    .size(
                            member + ".requestConfiguration.commonAttributes",
                            request.commonAttributes(),
                            0,
                            COMMON_ATTRIBUTES_MAX,
                            String.valueOf(request.commonAttributes()));
            List<HttpEndpointCommonAttribute> attributes = request.commonAttributes();
            if (attributes != null) {
                for (int i = 0; i < attributes.size(); i++) {
                    HttpEndpointCommonAttribute attribute = attributes.get(i);
                    String at = member + ".requestConfiguration.commonAttributes." + (i + 1);
                    check.notNull(at + ".member.attributeName", attribute.attributeName())
                            .length(at + ".member.attributeName", attribute.attributeName(), 1, 256, true)
                            .pattern(at + ".member.attributeName", attribute.attributeName(), NON_EMPTY, true)
                            .notNull(at + ".member.attributeValue", attribute.attributeValue())
                            .length(at + ".member.attributeValue", attribute.attributeValue(), 0, 1024, true)
                            .pattern(at + ".member.attributeValue", attribute.attributeValue(), ANY, true);
                }
            }
        }
        check.length(member + ".roleARN", given.roleARN(), 1, 512, false)
                .pattern(member + ".roleARN", given.roleARN(), ROLE_ARN, false)
                .oneOf(member + ".s3BackupMode", given.s3BackupMode(), BACKUP_MODES);
        HttpEndpointRetryOptions retry = given.retryOptions();
        if (retry != null) {
            check.range(member + ".retryOptions.durationInSeconds", retry.durationInSeconds(), 0, RETRY_MAX_SECONDS);
        }
        check.validate(FirehoseError.Validation);
        ExtendedS3DestinationConfiguration backup =
                S3Destinations.created(member + ".s3Configuration", Objects.requireNonNull(given.s3Configuration()));
        unsupported(given.processingConfiguration(), given.secretsManagerConfiguration(), backup);
        HttpEndpointDestinationConfiguration filled = new HttpEndpointDestinationConfiguration(
                endpoint,
                hints(hints),
                logging(given.cloudWatchLoggingOptions()),
                new HttpEndpointRequestConfiguration(
                        request == null || request.contentEncoding() == null ? "NONE" : request.contentEncoding(),
                        request == null || request.commonAttributes() == null ? List.of() : request.commonAttributes()),
                given.processingConfiguration(),
                given.roleARN(),
                new HttpEndpointRetryOptions(
                        retry == null || retry.durationInSeconds() == null
                                ? DEFAULT_RETRY_SECONDS
                                : retry.durationInSeconds()),
                given.s3BackupMode() == null ? "FailedDataOnly" : given.s3BackupMode(),
                null,
                given.secretsManagerConfiguration());
        return new OtherDestinations.Made(new FirehoseRecords.OtherDestination(filled, null, null, null, null), backup);
    }

    /** The destination with an update applied: members the update names replace those it held. */
    static OtherDestinations.Made updated(
            HttpEndpointDestinationConfiguration held,
            ExtendedS3DestinationConfiguration backup,
            HttpEndpointDestinationUpdate update) {
        HttpEndpointBufferingHints before = hints(held.bufferingHints());
        HttpEndpointBufferingHints hints = update.bufferingHints() == null
                ? before
                : new HttpEndpointBufferingHints(
                        or(update.bufferingHints().sizeInMBs(), before.sizeInMBs()),
                        or(update.bufferingHints().intervalInSeconds(), before.intervalInSeconds()));
        HttpEndpointDestinationConfiguration next = new HttpEndpointDestinationConfiguration(
                or(update.endpointConfiguration(), held.endpointConfiguration()),
                hints,
                or(update.cloudWatchLoggingOptions(), held.cloudWatchLoggingOptions()),
                or(update.requestConfiguration(), held.requestConfiguration()),
                or(update.processingConfiguration(), held.processingConfiguration()),
                or(update.roleARN(), held.roleARN()),
                or(update.retryOptions(), held.retryOptions()),
                or(update.s3BackupMode(), held.s3BackupMode()),
                null,
                or(update.secretsManagerConfiguration(), held.secretsManagerConfiguration()));
        ExtendedS3DestinationConfiguration nextBackup =
                update.s3Update() == null ? backup : S3Destinations.updated(backup, update.s3Update());
        OtherDestinations.Made made = created("httpEndpointDestinationUpdate", withBackup(next, nextBackup));
        return new OtherDestinations.Made(made.other(), nextBackup);
    }

    /** How DescribeDeliveryStream shows it: the endpoint's URL and name, never its access key. */
    static HttpEndpointDestinationDescription describe(
            HttpEndpointDestinationConfiguration held, ExtendedS3DestinationConfiguration backup) {
        HttpEndpointConfiguration endpoint = Objects.requireNonNull(held.endpointConfiguration());
        return new HttpEndpointDestinationDescription(
                new HttpEndpointDescription(endpoint.url(), endpoint.name()),
                held.bufferingHints(),
                held.cloudWatchLoggingOptions(),
                held.requestConfiguration(),
                held.processingConfiguration(),
                held.roleARN(),
                held.retryOptions(),
                held.s3BackupMode(),
                S3Destinations.describeS3(backup),
                held.secretsManagerConfiguration());
    }

    static long sizeBytes(HttpEndpointDestinationConfiguration held) {
        return (long) Objects.requireNonNull(hints(held.bufferingHints()).sizeInMBs()) * 1024 * 1024;
    }

    static long intervalMillis(HttpEndpointDestinationConfiguration held) {
        return Objects.requireNonNull(hints(held.bufferingHints()).intervalInSeconds()) * 1000L;
    }

    static long retryMillis(HttpEndpointDestinationConfiguration held) {
        HttpEndpointRetryOptions retry = held.retryOptions();
        return (retry == null || retry.durationInSeconds() == null ? DEFAULT_RETRY_SECONDS : retry.durationInSeconds())
                * 1000L;
    }

    /**
     * Refuses what Wharf does not do for these destinations, rather than accept and ignore it: the access key in
     * Secrets Manager (Wharf has no Secrets Manager). The processors are checked by the rules of {@link Processors}
     * and {@link Partitioning}: without dynamic partitioning, which only S3 destinations have, MetadataExtraction and
     * RecordDeAggregation are refused.
     */
    static void unsupported(
            @Nullable ProcessingConfiguration processing,
            @Nullable SecretsManagerConfiguration secrets,
            ExtendedS3DestinationConfiguration backup) {
        if (secrets != null && Boolean.TRUE.equals(secrets.enabled())) {
            throw FirehoseError.InvalidArgument.with(
                    "Wharf has no Secrets Manager; give the AccessKey of the HTTP endpoint destination.");
        }
        checkProcessing(processing, backup);
    }

    /**
     * Checks a destination's processors by the rules of {@link Processors} and {@link Partitioning}, as they run
     * without dynamic partitioning.
     */
    static void checkProcessing(
            @Nullable ProcessingConfiguration processing, ExtendedS3DestinationConfiguration backup) {
        ExtendedS3DestinationConfiguration view = withProcessing(backup, processing);
        Processors.of(view);
        Partitioning.check(view);
    }

    /**
     * The stream as {@link RecordPipeline} sees it: its backup location with the destination's processors, so that
     * {@code processing-failed} records go under the backup's ErrorOutputPrefix.
     */
    static FirehoseRecords.StoredStream processingView(
            FirehoseRecords.StoredStream stream, HttpEndpointDestinationConfiguration held) {
        return processingView(stream, held.processingConfiguration());
    }

    /** The same for any destination other than S3, given its processors. */
    static FirehoseRecords.StoredStream processingView(
            FirehoseRecords.StoredStream stream, @Nullable ProcessingConfiguration processing) {
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
                withProcessing(stream.destination(), processing),
                stream.s3Only(),
                stream.tags(),
                stream.encryption(),
                stream.other());
    }

    private static ExtendedS3DestinationConfiguration withProcessing(
            ExtendedS3DestinationConfiguration backup, @Nullable ProcessingConfiguration processing) {
        return new ExtendedS3DestinationConfiguration(
                backup.roleARN(),
                backup.bucketARN(),
                backup.prefix(),
                backup.errorOutputPrefix(),
                backup.bufferingHints(),
                backup.compressionFormat(),
                backup.encryptionConfiguration(),
                backup.cloudWatchLoggingOptions(),
                processing,
                backup.s3BackupMode(),
                backup.s3BackupConfiguration(),
                backup.dataFormatConversionConfiguration(),
                backup.dynamicPartitioningConfiguration(),
                backup.fileExtension(),
                backup.customTimeZone());
    }

    private static HttpEndpointDestinationConfiguration withBackup(
            HttpEndpointDestinationConfiguration next, ExtendedS3DestinationConfiguration backup) {
        return new HttpEndpointDestinationConfiguration(
                next.endpointConfiguration(),
                next.bufferingHints(),
                next.cloudWatchLoggingOptions(),
                next.requestConfiguration(),
                next.processingConfiguration(),
                next.roleARN(),
                next.retryOptions(),
                next.s3BackupMode(),
                OtherDestinations.asS3(backup),
                next.secretsManagerConfiguration());
    }

    private static HttpEndpointBufferingHints hints(@Nullable HttpEndpointBufferingHints given) {
        return new HttpEndpointBufferingHints(
                given == null || given.sizeInMBs() == null ? DEFAULT_SIZE_MB : given.sizeInMBs(),
                given == null || given.intervalInSeconds() == null
                        ? DEFAULT_INTERVAL_SECONDS
                        : given.intervalInSeconds());
    }

    static CloudWatchLoggingOptions logging(@Nullable CloudWatchLoggingOptions given) {
        return given == null ? new CloudWatchLoggingOptions(false, null, null) : given;
    }

    static <T> @Nullable T or(@Nullable T update, @Nullable T held) {
        return update != null ? update : held;
    }
}

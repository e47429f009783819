package dev.wharf.firehose.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.firehose.api.AmazonopensearchserviceBufferingHints;
import dev.wharf.firehose.api.AmazonopensearchserviceDestinationConfiguration;
import dev.wharf.firehose.api.AmazonopensearchserviceDestinationDescription;
import dev.wharf.firehose.api.AmazonopensearchserviceDestinationUpdate;
import dev.wharf.firehose.api.AmazonopensearchserviceRetryOptions;
import dev.wharf.firehose.api.DocumentIdOptions;
import dev.wharf.firehose.api.ElasticsearchBufferingHints;
import dev.wharf.firehose.api.ElasticsearchDestinationConfiguration;
import dev.wharf.firehose.api.ElasticsearchDestinationDescription;
import dev.wharf.firehose.api.ElasticsearchDestinationUpdate;
import dev.wharf.firehose.api.ElasticsearchRetryOptions;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules of Amazon OpenSearch Service and Elasticsearch destinations, which have the same members: their
 * constraints (the service model's), the defaults that DescribeDeliveryStream shows (buffering 5 MB or 300 s, retries
 * for 300 s, IndexRotationPeriod OneDay, S3BackupMode FailedDocumentsOnly, DocumentIdOptions FIREHOSE_DEFAULT), and how
 * UpdateDestination merges an update. Both are checked and merged as the OpenSearch shape; an Elasticsearch one is
 * converted there and back. Wharf cannot look a domain up: the cluster is named by its ClusterEndpoint.
 */
final class SearchDestinations {

    static final String OPENSEARCH = "amazonopensearchserviceDestinationConfiguration";
    static final String ELASTICSEARCH = "elasticsearchDestinationConfiguration";
    static final int SIZE_MAX_MB = 100;
    static final int DEFAULT_SIZE_MB = 5;
    static final int INTERVAL_MAX_SECONDS = 900;
    static final int DEFAULT_INTERVAL_SECONDS = 300;
    static final int RETRY_MAX_SECONDS = 7200;
    static final int DEFAULT_RETRY_SECONDS = 300;
    static final List<String> ROTATIONS = List.of("NoRotation", "OneHour", "OneDay", "OneWeek", "OneMonth");
    static final List<String> BACKUP_MODES = List.of("FailedDocumentsOnly", "AllDocuments");
    static final List<String> DOCUMENT_IDS = List.of("FIREHOSE_DEFAULT", "NO_DOCUMENT_ID");

    private static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern DOMAIN_ARN =
            Pattern.compile("arn:.*:es:[a-zA-Z0-9\\-]+:\\d{12}:domain/[a-z][-0-9a-z]{2,27}");
    /** The model's pattern; Wharf takes {@code http://} too, for local clusters. */
    private static final Pattern ENDPOINT = Pattern.compile("https:.*");

    private static final Pattern PLAIN_ENDPOINT = Pattern.compile("http://.*");
    private static final Pattern ANY = Pattern.compile(".*");

    private SearchDestinations() {}

    /** An OpenSearch Service destination as CreateDeliveryStream gives it, checked and with AWS's defaults. */
    static OtherDestinations.Made created(AmazonopensearchserviceDestinationConfiguration given) {
        Checked checked = checked(OPENSEARCH, given);
        return new OtherDestinations.Made(
                new FirehoseRecords.OtherDestination(null, checked.filled(), null, null, null), checked.backup());
    }

    /** An Elasticsearch destination as CreateDeliveryStream gives it, checked and with AWS's defaults. */
    static OtherDestinations.Made created(ElasticsearchDestinationConfiguration given) {
        Checked checked = checked(ELASTICSEARCH, fromElasticsearch(given));
        return new OtherDestinations.Made(
                new FirehoseRecords.OtherDestination(null, null, toElasticsearch(checked.filled()), null, null),
                checked.backup());
    }

    private record Checked(
            AmazonopensearchserviceDestinationConfiguration filled, ExtendedS3DestinationConfiguration backup) {}

    private static Checked checked(String member, AmazonopensearchserviceDestinationConfiguration given) {
        MemberConstraints check = MemberConstraints.check()
                .notNull(member + ".roleARN", given.roleARN())
                .length(member + ".roleARN", given.roleARN(), 1, 512, false)
                .pattern(member + ".roleARN", given.roleARN(), ROLE_ARN, false)
                .length(member + ".domainARN", given.domainARN(), 1, 512, false)
                .pattern(member + ".domainARN", given.domainARN(), DOMAIN_ARN, false)
                .length(member + ".clusterEndpoint", given.clusterEndpoint(), 1, 512, false)
                .pattern(
                        member + ".clusterEndpoint",
                        given.clusterEndpoint() != null
                                        && PLAIN_ENDPOINT
                                                .matcher(given.clusterEndpoint())
                                                .matches()
                                ? null
                                : given.clusterEndpoint(),
                        ENDPOINT,
                        false)
                .notNull(member + ".indexName", given.indexName())
                .length(member + ".indexName", given.indexName(), 1, 80, false)
                .pattern(member + ".indexName", given.indexName(), ANY, false)
                .length(member + ".typeName", given.typeName(), 0, 100, false)
                .pattern(member + ".typeName", given.typeName(), ANY, false)
                .oneOf(member + ".indexRotationPeriod", given.indexRotationPeriod(), ROTATIONS);
        AmazonopensearchserviceBufferingHints hints = given.bufferingHints();
        if (hints != null) {
            check.range(
                            member + ".bufferingHints.intervalInSeconds",
                            hints.intervalInSeconds(),
                            0,
                            INTERVAL_MAX_SECONDS)
                    .range(member + ".bufferingHints.sizeInMBs", hints.sizeInMBs(), 1, SIZE_MAX_MB);
        }
        AmazonopensearchserviceRetryOptions retry = given.retryOptions();
        if (retry != null) {
            check.range(member + ".retryOptions.durationInSeconds", retry.durationInSeconds(), 0, RETRY_MAX_SECONDS);
        }
        check.oneOf(member + ".s3BackupMode", given.s3BackupMode(), BACKUP_MODES)
                .notNull(member + ".s3Configuration", given.s3Configuration());
        DocumentIdOptions ids = given.documentIdOptions();
        if (ids != null) {
            check.notNull(member + ".documentIdOptions.defaultDocumentIdFormat", ids.defaultDocumentIdFormat())
                    .oneOf(
                            member + ".documentIdOptions.defaultDocumentIdFormat",
                            ids.defaultDocumentIdFormat(),
                            DOCUMENT_IDS);
        }
        check.validate(FirehoseError.Validation);
        ExtendedS3DestinationConfiguration backup =
                S3Destinations.created(member + ".s3Configuration", Objects.requireNonNull(given.s3Configuration()));
        if (given.domainARN() != null) {
            throw FirehoseError.InvalidArgument.with("Wharf cannot resolve the domain " + given.domainARN()
                    + "; give the cluster's ClusterEndpoint instead of its DomainARN.");
        }
        if (given.clusterEndpoint() == null) {
            throw FirehoseError.InvalidArgument.with("Either ClusterEndpoint or DomainARN must be given.");
        }
        if (given.vpcConfiguration() != null) {
            throw FirehoseError.InvalidArgument.with(
                    "Wharf has no VPCs; give no VpcConfiguration, and a ClusterEndpoint that this server reaches.");
        }
        HttpEndpointDestinations.checkProcessing(given.processingConfiguration(), backup);
        AmazonopensearchserviceDestinationConfiguration filled = new AmazonopensearchserviceDestinationConfiguration(
                given.roleARN(),
                null,
                given.clusterEndpoint(),
                given.indexName(),
                given.typeName(),
                given.indexRotationPeriod() == null ? "OneDay" : given.indexRotationPeriod(),
                hints(hints),
                new AmazonopensearchserviceRetryOptions(
                        retry == null || retry.durationInSeconds() == null
                                ? DEFAULT_RETRY_SECONDS
                                : retry.durationInSeconds()),
                given.s3BackupMode() == null ? "FailedDocumentsOnly" : given.s3BackupMode(),
                null,
                given.processingConfiguration(),
                HttpEndpointDestinations.logging(given.cloudWatchLoggingOptions()),
                null,
                ids == null ? new DocumentIdOptions("FIREHOSE_DEFAULT") : ids);
        return new Checked(filled, backup);
    }

    /** An OpenSearch Service destination with an update applied: members the update names replace those it held. */
    static OtherDestinations.Made updated(
            AmazonopensearchserviceDestinationConfiguration held,
            ExtendedS3DestinationConfiguration backup,
            AmazonopensearchserviceDestinationUpdate update) {
        ExtendedS3DestinationConfiguration nextBackup =
                update.s3Update() == null ? backup : S3Destinations.updated(backup, update.s3Update());
        Checked checked = checked("amazonopensearchserviceDestinationUpdate", merged(held, nextBackup, update));
        return new OtherDestinations.Made(
                new FirehoseRecords.OtherDestination(null, checked.filled(), null, null, null), nextBackup);
    }

    /** An Elasticsearch destination with an update applied. */
    static OtherDestinations.Made updated(
            ElasticsearchDestinationConfiguration held,
            ExtendedS3DestinationConfiguration backup,
            ElasticsearchDestinationUpdate update) {
        ExtendedS3DestinationConfiguration nextBackup =
                update.s3Update() == null ? backup : S3Destinations.updated(backup, update.s3Update());
        AmazonopensearchserviceDestinationUpdate asOpenSearch = new AmazonopensearchserviceDestinationUpdate(
                update.roleARN(),
                update.domainARN(),
                update.clusterEndpoint(),
                update.indexName(),
                update.typeName(),
                update.indexRotationPeriod(),
                update.bufferingHints() == null
                        ? null
                        : new AmazonopensearchserviceBufferingHints(
                                update.bufferingHints().intervalInSeconds(),
                                update.bufferingHints().sizeInMBs()),
                update.retryOptions() == null
                        ? null
                        : new AmazonopensearchserviceRetryOptions(
                                update.retryOptions().durationInSeconds()),
                null,
                update.processingConfiguration(),
                update.cloudWatchLoggingOptions(),
                update.documentIdOptions());
        Checked checked =
                checked("elasticsearchDestinationUpdate", merged(fromElasticsearch(held), nextBackup, asOpenSearch));
        return new OtherDestinations.Made(
                new FirehoseRecords.OtherDestination(null, null, toElasticsearch(checked.filled()), null, null),
                nextBackup);
    }

    private static AmazonopensearchserviceDestinationConfiguration merged(
            AmazonopensearchserviceDestinationConfiguration held,
            ExtendedS3DestinationConfiguration backup,
            AmazonopensearchserviceDestinationUpdate update) {
        AmazonopensearchserviceBufferingHints before = hints(held.bufferingHints());
        AmazonopensearchserviceBufferingHints hints = update.bufferingHints() == null
                ? before
                : new AmazonopensearchserviceBufferingHints(
                        HttpEndpointDestinations.or(
                                update.bufferingHints().intervalInSeconds(), before.intervalInSeconds()),
                        HttpEndpointDestinations.or(update.bufferingHints().sizeInMBs(), before.sizeInMBs()));
        boolean located = update.domainARN() != null || update.clusterEndpoint() != null;
        return new AmazonopensearchserviceDestinationConfiguration(
                HttpEndpointDestinations.or(update.roleARN(), held.roleARN()),
                located ? update.domainARN() : held.domainARN(),
                located ? update.clusterEndpoint() : held.clusterEndpoint(),
                HttpEndpointDestinations.or(update.indexName(), held.indexName()),
                HttpEndpointDestinations.or(update.typeName(), held.typeName()),
                HttpEndpointDestinations.or(update.indexRotationPeriod(), held.indexRotationPeriod()),
                hints,
                HttpEndpointDestinations.or(update.retryOptions(), held.retryOptions()),
                held.s3BackupMode(),
                OtherDestinations.asS3(backup),
                HttpEndpointDestinations.or(update.processingConfiguration(), held.processingConfiguration()),
                HttpEndpointDestinations.or(update.cloudWatchLoggingOptions(), held.cloudWatchLoggingOptions()),
                null,
                HttpEndpointDestinations.or(update.documentIdOptions(), held.documentIdOptions()));
    }

    static AmazonopensearchserviceDestinationDescription describe(
            AmazonopensearchserviceDestinationConfiguration held, ExtendedS3DestinationConfiguration backup) {
        return new AmazonopensearchserviceDestinationDescription(
                held.roleARN(),
                held.domainARN(),
                held.clusterEndpoint(),
                held.indexName(),
                held.typeName(),
                held.indexRotationPeriod(),
                held.bufferingHints(),
                held.retryOptions(),
                held.s3BackupMode(),
                S3Destinations.describeS3(backup),
                held.processingConfiguration(),
                held.cloudWatchLoggingOptions(),
                null,
                held.documentIdOptions());
    }

    static ElasticsearchDestinationDescription describe(
            ElasticsearchDestinationConfiguration held, ExtendedS3DestinationConfiguration backup) {
        return new ElasticsearchDestinationDescription(
                held.roleARN(),
                held.domainARN(),
                held.clusterEndpoint(),
                held.indexName(),
                held.typeName(),
                held.indexRotationPeriod(),
                held.bufferingHints(),
                held.retryOptions(),
                held.s3BackupMode(),
                S3Destinations.describeS3(backup),
                held.processingConfiguration(),
                held.cloudWatchLoggingOptions(),
                null,
                held.documentIdOptions());
    }

    /** The destination of a stream whose destination is OpenSearch Service or Elasticsearch, as the former. */
    static @Nullable AmazonopensearchserviceDestinationConfiguration of(
            FirehoseRecords.@Nullable OtherDestination other) {
        if (other == null) {
            return null;
        }
        if (other.amazonopensearchservice() != null) {
            return other.amazonopensearchservice();
        }
        return other.elasticsearch() == null ? null : fromElasticsearch(other.elasticsearch());
    }

    static long sizeBytes(AmazonopensearchserviceDestinationConfiguration held) {
        return (long) Objects.requireNonNull(hints(held.bufferingHints()).sizeInMBs()) * 1024 * 1024;
    }

    static long intervalMillis(AmazonopensearchserviceDestinationConfiguration held) {
        return Objects.requireNonNull(hints(held.bufferingHints()).intervalInSeconds()) * 1000L;
    }

    static long retryMillis(AmazonopensearchserviceDestinationConfiguration held) {
        AmazonopensearchserviceRetryOptions retry = held.retryOptions();
        return (retry == null || retry.durationInSeconds() == null ? DEFAULT_RETRY_SECONDS : retry.durationInSeconds())
                * 1000L;
    }

    private static AmazonopensearchserviceBufferingHints hints(@Nullable AmazonopensearchserviceBufferingHints given) {
        return new AmazonopensearchserviceBufferingHints(
                given == null || given.intervalInSeconds() == null
                        ? DEFAULT_INTERVAL_SECONDS
                        : given.intervalInSeconds(),
                given == null || given.sizeInMBs() == null ? DEFAULT_SIZE_MB : given.sizeInMBs());
    }

    static AmazonopensearchserviceDestinationConfiguration fromElasticsearch(ElasticsearchDestinationConfiguration es) {
        return new AmazonopensearchserviceDestinationConfiguration(
                es.roleARN(),
                es.domainARN(),
                es.clusterEndpoint(),
                es.indexName(),
                es.typeName(),
                es.indexRotationPeriod(),
                es.bufferingHints() == null
                        ? null
                        : new AmazonopensearchserviceBufferingHints(
                                es.bufferingHints().intervalInSeconds(),
                                es.bufferingHints().sizeInMBs()),
                es.retryOptions() == null
                        ? null
                        : new AmazonopensearchserviceRetryOptions(
                                es.retryOptions().durationInSeconds()),
                es.s3BackupMode(),
                es.s3Configuration(),
                es.processingConfiguration(),
                es.cloudWatchLoggingOptions(),
                es.vpcConfiguration(),
                es.documentIdOptions());
    }

    private static ElasticsearchDestinationConfiguration toElasticsearch(
            AmazonopensearchserviceDestinationConfiguration os) {
        return new ElasticsearchDestinationConfiguration(
                os.roleARN(),
                os.domainARN(),
                os.clusterEndpoint(),
                os.indexName(),
                os.typeName(),
                os.indexRotationPeriod(),
                os.bufferingHints() == null
                        ? null
                        : new ElasticsearchBufferingHints(
                                os.bufferingHints().intervalInSeconds(),
                                os.bufferingHints().sizeInMBs()),
                os.retryOptions() == null
                        ? null
                        : new ElasticsearchRetryOptions(os.retryOptions().durationInSeconds()),
                os.s3BackupMode(),
                os.s3Configuration(),
                os.processingConfiguration(),
                os.cloudWatchLoggingOptions(),
                os.vpcConfiguration(),
                os.documentIdOptions());
    }
}

package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.CreateDeliveryStreamRequest;
import dev.wharf.firehose.api.DestinationDescription;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chooses among the destinations other than S3 that Wharf delivers to (HTTP endpoints, Splunk, OpenSearch Service and Elasticsearch so far) for
 * CreateDeliveryStream, UpdateDestination and DescribeDeliveryStream, so that {@link FirehoseEngine} only asks here.
 */
final class OtherDestinations {

    /** The request members of the other destinations that Wharf serves. */
    static final List<String> SERVED = List.of(
            "HttpEndpointDestinationConfiguration",
            "SplunkDestinationConfiguration",
            "AmazonopensearchserviceDestinationConfiguration",
            "ElasticsearchDestinationConfiguration",
            "RedshiftDestinationConfiguration");

    /**
     * A destination other than S3 as it is stored.
     *
     * @param backup its S3 configuration, the backup location, held as an Extended S3 one
     */
    record Made(FirehoseRecords.OtherDestination other, ExtendedS3DestinationConfiguration backup) {}

    private OtherDestinations() {}

    /** The other destination that a CreateDeliveryStream request gives, or null when it gives S3. */
    static @Nullable Made created(CreateDeliveryStreamRequest request) {
        if (request.httpEndpointDestinationConfiguration() != null) {
            return HttpEndpointDestinations.created(request.httpEndpointDestinationConfiguration());
        }
        if (request.splunkDestinationConfiguration() != null) {
            return SplunkDestinations.created(request.splunkDestinationConfiguration());
        }
        if (request.amazonopensearchserviceDestinationConfiguration() != null) {
            return SearchDestinations.created(request.amazonopensearchserviceDestinationConfiguration());
        }
        if (request.elasticsearchDestinationConfiguration() != null) {
            return SearchDestinations.created(request.elasticsearchDestinationConfiguration());
        }
        if (request.redshiftDestinationConfiguration() != null) {
            return RedshiftDestinations.made(RedshiftDestinations.created(
                    RedshiftDestinations.MEMBER, request.redshiftDestinationConfiguration()));
        }
        return null;
    }

    /** Whether an UpdateDestination request updates one of the destinations this class serves. */
    static boolean updates(UpdateDestinationRequest request) {
        return request.httpEndpointDestinationUpdate() != null
                || request.splunkDestinationUpdate() != null
                || request.amazonopensearchserviceDestinationUpdate() != null
                || request.elasticsearchDestinationUpdate() != null
                || request.redshiftDestinationUpdate() != null;
    }

    /**
     * The stream after an UpdateDestination that updates, or is made on, a destination other than S3.
     *
     * @throws dev.wharf.common.AwsException InvalidArgumentException when the update is of another type than the
     *     stream's destination, as AWS refuses to change a destination's type
     */
    static FirehoseRecords.StoredStream updated(
            FirehoseRecords.StoredStream stream, UpdateDestinationRequest request, long now) {
        int updates = 0;
        for (Object update : new Object[] {
            request.s3DestinationUpdate(),
            request.extendedS3DestinationUpdate(),
            request.redshiftDestinationUpdate(),
            request.elasticsearchDestinationUpdate(),
            request.amazonopensearchserviceDestinationUpdate(),
            request.splunkDestinationUpdate(),
            request.httpEndpointDestinationUpdate(),
            request.amazonOpenSearchServerlessDestinationUpdate(),
            request.snowflakeDestinationUpdate(),
            request.icebergDestinationUpdate()
        }) {
            if (update != null) {
                updates++;
            }
        }
        if (updates != 1) {
            throw FirehoseError.InvalidArgument.with(
                    "Exactly one destination update must be given; the request has " + updates + ".");
        }
        FirehoseRecords.OtherDestination other = stream.other();
        if (request.httpEndpointDestinationUpdate() != null && other != null && other.httpEndpoint() != null) {
            Made made = HttpEndpointDestinations.updated(
                    other.httpEndpoint(), stream.destination(), request.httpEndpointDestinationUpdate());
            return stream.with(made.backup(), made.other(), now);
        }
        if (request.splunkDestinationUpdate() != null && other != null && other.splunk() != null) {
            Made made =
                    SplunkDestinations.updated(other.splunk(), stream.destination(), request.splunkDestinationUpdate());
            return stream.with(made.backup(), made.other(), now);
        }
        if (request.amazonopensearchserviceDestinationUpdate() != null
                && other != null
                && other.amazonopensearchservice() != null) {
            Made made = SearchDestinations.updated(
                    other.amazonopensearchservice(),
                    stream.destination(),
                    request.amazonopensearchserviceDestinationUpdate());
            return stream.with(made.backup(), made.other(), now);
        }
        if (request.elasticsearchDestinationUpdate() != null && other != null && other.elasticsearch() != null) {
            Made made = SearchDestinations.updated(
                    other.elasticsearch(), stream.destination(), request.elasticsearchDestinationUpdate());
            return stream.with(made.backup(), made.other(), now);
        }
        if (request.redshiftDestinationUpdate() != null && other != null && other.redshift() != null) {
            Made made = RedshiftDestinations.made(RedshiftDestinations.updated(
                    other.redshift(), stream.destination(), request.redshiftDestinationUpdate()));
            return stream.with(made.backup(), made.other(), now);
        }
        throw FirehoseError.InvalidArgument.with(
                "Changing the destination type to or from " + typeOf(other) + " is not supported at this time.");
    }

    /** How DescribeDeliveryStream shows a stream whose destination is not S3. */
    static DestinationDescription describe(String id, FirehoseRecords.StoredStream stream) {
        FirehoseRecords.OtherDestination other = java.util.Objects.requireNonNull(stream.other());
        if (other.httpEndpoint() != null) {
            return new DestinationDescription(
                    id,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    HttpEndpointDestinations.describe(other.httpEndpoint(), stream.destination()),
                    null,
                    null,
                    null);
        }
        if (other.splunk() != null) {
            return new DestinationDescription(
                    id,
                    null,
                    null,
                    null,
                    null,
                    null,
                    SplunkDestinations.describe(other.splunk(), stream.destination()),
                    null,
                    null,
                    null,
                    null);
        }
        if (other.amazonopensearchservice() != null) {
            return new DestinationDescription(
                    id,
                    null,
                    null,
                    null,
                    null,
                    SearchDestinations.describe(other.amazonopensearchservice(), stream.destination()),
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        if (other.elasticsearch() != null) {
            return new DestinationDescription(
                    id,
                    null,
                    null,
                    null,
                    SearchDestinations.describe(other.elasticsearch(), stream.destination()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        if (other.redshift() != null) {
            return new DestinationDescription(
                    id,
                    null,
                    null,
                    RedshiftDestinations.describe(other.redshift(), stream.destination()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        throw new IllegalStateException("a stored destination that Wharf does not serve: " + other);
    }

    /** The type's name as AWS's messages give it. */
    static String typeOf(FirehoseRecords.@Nullable OtherDestination other) {
        if (other == null) {
            return "S3";
        }
        if (other.httpEndpoint() != null) {
            return "HttpEndpoint";
        }
        if (other.splunk() != null) {
            return "Splunk";
        }
        if (other.amazonopensearchservice() != null) {
            return "AmazonOpenSearchService";
        }
        if (other.elasticsearch() != null) {
            return "Elasticsearch";
        }
        return "Redshift";
    }

    /** An Extended S3 destination as the S3 configuration of another destination gives it. */
    static S3DestinationConfiguration asS3(ExtendedS3DestinationConfiguration held) {
        return new S3DestinationConfiguration(
                held.roleARN(),
                held.bucketARN(),
                held.prefix(),
                held.errorOutputPrefix(),
                held.bufferingHints(),
                held.compressionFormat(),
                held.encryptionConfiguration(),
                held.cloudWatchLoggingOptions());
    }
}

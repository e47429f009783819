package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The input of UpdateDestination. */
public record UpdateDestinationRequest(
        @Nullable String deliveryStreamName,
        @Nullable String currentDeliveryStreamVersionId,
        @Nullable String destinationId,
        @Nullable S3DestinationUpdate s3DestinationUpdate,
        @Nullable ExtendedS3DestinationUpdate extendedS3DestinationUpdate,
        @Nullable RedshiftDestinationUpdate redshiftDestinationUpdate,
        @Nullable ElasticsearchDestinationUpdate elasticsearchDestinationUpdate,
        @Nullable AmazonopensearchserviceDestinationUpdate amazonopensearchserviceDestinationUpdate,
        @Nullable SplunkDestinationUpdate splunkDestinationUpdate,
        @Nullable HttpEndpointDestinationUpdate httpEndpointDestinationUpdate,
        @Nullable AmazonOpenSearchServerlessDestinationUpdate amazonOpenSearchServerlessDestinationUpdate,
        @Nullable SnowflakeDestinationUpdate snowflakeDestinationUpdate,
        @Nullable IcebergDestinationUpdate icebergDestinationUpdate) {}

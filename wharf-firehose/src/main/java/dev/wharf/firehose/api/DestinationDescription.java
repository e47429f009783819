package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's DestinationDescription shape, as the model names its members. */
public record DestinationDescription(
        @Nullable String destinationId,
        @Nullable S3DestinationDescription s3DestinationDescription,
        @Nullable ExtendedS3DestinationDescription extendedS3DestinationDescription,
        @Nullable RedshiftDestinationDescription redshiftDestinationDescription,
        @Nullable ElasticsearchDestinationDescription elasticsearchDestinationDescription,
        @Nullable AmazonopensearchserviceDestinationDescription amazonopensearchserviceDestinationDescription,
        @Nullable SplunkDestinationDescription splunkDestinationDescription,
        @Nullable HttpEndpointDestinationDescription httpEndpointDestinationDescription,
        @Nullable SnowflakeDestinationDescription snowflakeDestinationDescription,
        @Nullable AmazonOpenSearchServerlessDestinationDescription amazonOpenSearchServerlessDestinationDescription,
        @Nullable IcebergDestinationDescription icebergDestinationDescription) {}

package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of CreateDeliveryStream. */
public record CreateDeliveryStreamRequest(
        @Nullable String deliveryStreamName,
        @Nullable String deliveryStreamType,
        @Nullable DirectPutSourceConfiguration directPutSourceConfiguration,
        @Nullable KinesisStreamSourceConfiguration kinesisStreamSourceConfiguration,
        @Nullable DeliveryStreamEncryptionConfigurationInput deliveryStreamEncryptionConfigurationInput,
        @Nullable S3DestinationConfiguration s3DestinationConfiguration,
        @Nullable ExtendedS3DestinationConfiguration extendedS3DestinationConfiguration,
        @Nullable RedshiftDestinationConfiguration redshiftDestinationConfiguration,
        @Nullable ElasticsearchDestinationConfiguration elasticsearchDestinationConfiguration,
        @Nullable AmazonopensearchserviceDestinationConfiguration amazonopensearchserviceDestinationConfiguration,
        @Nullable SplunkDestinationConfiguration splunkDestinationConfiguration,
        @Nullable HttpEndpointDestinationConfiguration httpEndpointDestinationConfiguration,
        @Nullable List<Tag> tags,
        @Nullable AmazonOpenSearchServerlessDestinationConfiguration amazonOpenSearchServerlessDestinationConfiguration,
        @Nullable MSKSourceConfiguration mSKSourceConfiguration,
        @Nullable SnowflakeDestinationConfiguration snowflakeDestinationConfiguration,
        @Nullable IcebergDestinationConfiguration icebergDestinationConfiguration,
        @Nullable DatabaseSourceConfiguration databaseSourceConfiguration) {}

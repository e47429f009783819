package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's AmazonopensearchserviceDestinationDescription shape, as the model names its members. */
public record AmazonopensearchserviceDestinationDescription(
        @Nullable String roleARN,
        @Nullable String domainARN,
        @Nullable String clusterEndpoint,
        @Nullable String indexName,
        @Nullable String typeName,
        @Nullable String indexRotationPeriod,
        @Nullable AmazonopensearchserviceBufferingHints bufferingHints,
        @Nullable AmazonopensearchserviceRetryOptions retryOptions,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationDescription s3DestinationDescription,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable VpcConfigurationDescription vpcConfigurationDescription,
        @Nullable DocumentIdOptions documentIdOptions) {}

package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's AmazonopensearchserviceDestinationUpdate shape, as the model names its members. */
public record AmazonopensearchserviceDestinationUpdate(
        @Nullable String roleARN,
        @Nullable String domainARN,
        @Nullable String clusterEndpoint,
        @Nullable String indexName,
        @Nullable String typeName,
        @Nullable String indexRotationPeriod,
        @Nullable AmazonopensearchserviceBufferingHints bufferingHints,
        @Nullable AmazonopensearchserviceRetryOptions retryOptions,
        @Nullable S3DestinationUpdate s3Update,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable DocumentIdOptions documentIdOptions) {}

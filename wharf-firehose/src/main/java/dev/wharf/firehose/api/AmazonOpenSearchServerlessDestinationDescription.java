package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's AmazonOpenSearchServerlessDestinationDescription shape, as the model names its members. */
public record AmazonOpenSearchServerlessDestinationDescription(
        @Nullable String roleARN,
        @Nullable String collectionEndpoint,
        @Nullable String indexName,
        @Nullable AmazonOpenSearchServerlessBufferingHints bufferingHints,
        @Nullable AmazonOpenSearchServerlessRetryOptions retryOptions,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationDescription s3DestinationDescription,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable VpcConfigurationDescription vpcConfigurationDescription) {}

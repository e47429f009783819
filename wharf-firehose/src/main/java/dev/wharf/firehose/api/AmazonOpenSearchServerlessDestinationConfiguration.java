package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's AmazonOpenSearchServerlessDestinationConfiguration shape, as the model names its members. */
public record AmazonOpenSearchServerlessDestinationConfiguration(
        @Nullable String roleARN,
        @Nullable String collectionEndpoint,
        @Nullable String indexName,
        @Nullable AmazonOpenSearchServerlessBufferingHints bufferingHints,
        @Nullable AmazonOpenSearchServerlessRetryOptions retryOptions,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationConfiguration s3Configuration,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable VpcConfiguration vpcConfiguration) {}

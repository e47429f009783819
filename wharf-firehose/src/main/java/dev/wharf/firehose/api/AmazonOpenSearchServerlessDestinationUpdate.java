package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's AmazonOpenSearchServerlessDestinationUpdate shape, as the model names its members. */
public record AmazonOpenSearchServerlessDestinationUpdate(
        @Nullable String roleARN,
        @Nullable String collectionEndpoint,
        @Nullable String indexName,
        @Nullable AmazonOpenSearchServerlessBufferingHints bufferingHints,
        @Nullable AmazonOpenSearchServerlessRetryOptions retryOptions,
        @Nullable S3DestinationUpdate s3Update,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions) {}

package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SplunkDestinationConfiguration shape, as the model names its members. */
public record SplunkDestinationConfiguration(
        @Nullable String hECEndpoint,
        @Nullable String hECEndpointType,
        @Nullable String hECToken,
        @Nullable Integer hECAcknowledgmentTimeoutInSeconds,
        @Nullable SplunkRetryOptions retryOptions,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationConfiguration s3Configuration,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable SplunkBufferingHints bufferingHints,
        @Nullable SecretsManagerConfiguration secretsManagerConfiguration) {}

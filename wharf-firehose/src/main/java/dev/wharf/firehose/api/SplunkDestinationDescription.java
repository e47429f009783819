package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SplunkDestinationDescription shape, as the model names its members. */
public record SplunkDestinationDescription(
        @Nullable String hECEndpoint,
        @Nullable String hECEndpointType,
        @Nullable String hECToken,
        @Nullable Integer hECAcknowledgmentTimeoutInSeconds,
        @Nullable SplunkRetryOptions retryOptions,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationDescription s3DestinationDescription,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable SplunkBufferingHints bufferingHints,
        @Nullable SecretsManagerConfiguration secretsManagerConfiguration) {}

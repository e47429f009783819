package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's HttpEndpointDestinationDescription shape, as the model names its members. */
public record HttpEndpointDestinationDescription(
        @Nullable HttpEndpointDescription endpointConfiguration,
        @Nullable HttpEndpointBufferingHints bufferingHints,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable HttpEndpointRequestConfiguration requestConfiguration,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable String roleARN,
        @Nullable HttpEndpointRetryOptions retryOptions,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationDescription s3DestinationDescription,
        @Nullable SecretsManagerConfiguration secretsManagerConfiguration) {}

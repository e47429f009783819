package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's HttpEndpointDestinationUpdate shape, as the model names its members. */
public record HttpEndpointDestinationUpdate(
        @Nullable HttpEndpointConfiguration endpointConfiguration,
        @Nullable HttpEndpointBufferingHints bufferingHints,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable HttpEndpointRequestConfiguration requestConfiguration,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable String roleARN,
        @Nullable HttpEndpointRetryOptions retryOptions,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationUpdate s3Update,
        @Nullable SecretsManagerConfiguration secretsManagerConfiguration) {}

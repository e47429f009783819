package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's RedshiftDestinationDescription shape, as the model names its members. */
public record RedshiftDestinationDescription(
        @Nullable String roleARN,
        @Nullable String clusterJDBCURL,
        @Nullable CopyCommand copyCommand,
        @Nullable String username,
        @Nullable RedshiftRetryOptions retryOptions,
        @Nullable S3DestinationDescription s3DestinationDescription,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationDescription s3BackupDescription,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable SecretsManagerConfiguration secretsManagerConfiguration) {}

package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's RedshiftDestinationUpdate shape, as the model names its members. */
public record RedshiftDestinationUpdate(
        @Nullable String roleARN,
        @Nullable String clusterJDBCURL,
        @Nullable CopyCommand copyCommand,
        @Nullable String username,
        @Nullable String password,
        @Nullable RedshiftRetryOptions retryOptions,
        @Nullable S3DestinationUpdate s3Update,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationUpdate s3BackupUpdate,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable SecretsManagerConfiguration secretsManagerConfiguration) {}

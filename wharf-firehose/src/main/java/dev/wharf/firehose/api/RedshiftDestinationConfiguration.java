package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's RedshiftDestinationConfiguration shape, as the model names its members. */
public record RedshiftDestinationConfiguration(
        @Nullable String roleARN,
        @Nullable String clusterJDBCURL,
        @Nullable CopyCommand copyCommand,
        @Nullable String username,
        @Nullable String password,
        @Nullable RedshiftRetryOptions retryOptions,
        @Nullable S3DestinationConfiguration s3Configuration,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationConfiguration s3BackupConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable SecretsManagerConfiguration secretsManagerConfiguration) {}

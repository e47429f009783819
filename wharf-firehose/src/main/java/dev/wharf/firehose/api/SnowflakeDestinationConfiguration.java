package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SnowflakeDestinationConfiguration shape, as the model names its members. */
public record SnowflakeDestinationConfiguration(
        @Nullable String accountUrl,
        @Nullable String privateKey,
        @Nullable String keyPassphrase,
        @Nullable String user,
        @Nullable String database,
        @Nullable String schema,
        @Nullable String table,
        @Nullable SnowflakeRoleConfiguration snowflakeRoleConfiguration,
        @Nullable String dataLoadingOption,
        @Nullable String metaDataColumnName,
        @Nullable String contentColumnName,
        @Nullable SnowflakeVpcConfiguration snowflakeVpcConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable String roleARN,
        @Nullable SnowflakeRetryOptions retryOptions,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationConfiguration s3Configuration,
        @Nullable SecretsManagerConfiguration secretsManagerConfiguration,
        @Nullable SnowflakeBufferingHints bufferingHints) {}

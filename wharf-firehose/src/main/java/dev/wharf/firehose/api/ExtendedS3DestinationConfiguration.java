package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's ExtendedS3DestinationConfiguration shape, as the model names its members. */
public record ExtendedS3DestinationConfiguration(
        @Nullable String roleARN,
        @Nullable String bucketARN,
        @Nullable String prefix,
        @Nullable String errorOutputPrefix,
        @Nullable BufferingHints bufferingHints,
        @Nullable String compressionFormat,
        @Nullable EncryptionConfiguration encryptionConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationConfiguration s3BackupConfiguration,
        @Nullable DataFormatConversionConfiguration dataFormatConversionConfiguration,
        @Nullable DynamicPartitioningConfiguration dynamicPartitioningConfiguration,
        @Nullable String fileExtension,
        @Nullable String customTimeZone) {}

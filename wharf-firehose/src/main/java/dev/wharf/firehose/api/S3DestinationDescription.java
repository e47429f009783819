package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's S3DestinationDescription shape, as the model names its members. */
public record S3DestinationDescription(
        @Nullable String roleARN,
        @Nullable String bucketARN,
        @Nullable String prefix,
        @Nullable String errorOutputPrefix,
        @Nullable BufferingHints bufferingHints,
        @Nullable String compressionFormat,
        @Nullable EncryptionConfiguration encryptionConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions) {}

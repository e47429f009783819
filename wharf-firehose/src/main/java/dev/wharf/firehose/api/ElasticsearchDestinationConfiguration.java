package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's ElasticsearchDestinationConfiguration shape, as the model names its members. */
public record ElasticsearchDestinationConfiguration(
        @Nullable String roleARN,
        @Nullable String domainARN,
        @Nullable String clusterEndpoint,
        @Nullable String indexName,
        @Nullable String typeName,
        @Nullable String indexRotationPeriod,
        @Nullable ElasticsearchBufferingHints bufferingHints,
        @Nullable ElasticsearchRetryOptions retryOptions,
        @Nullable String s3BackupMode,
        @Nullable S3DestinationConfiguration s3Configuration,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable VpcConfiguration vpcConfiguration,
        @Nullable DocumentIdOptions documentIdOptions) {}

package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's IcebergDestinationDescription shape, as the model names its members. */
public record IcebergDestinationDescription(
        @Nullable List<DestinationTableConfiguration> destinationTableConfigurationList,
        @Nullable SchemaEvolutionConfiguration schemaEvolutionConfiguration,
        @Nullable TableCreationConfiguration tableCreationConfiguration,
        @Nullable BufferingHints bufferingHints,
        @Nullable CloudWatchLoggingOptions cloudWatchLoggingOptions,
        @Nullable ProcessingConfiguration processingConfiguration,
        @Nullable String s3BackupMode,
        @Nullable RetryOptions retryOptions,
        @Nullable String roleARN,
        @Nullable Boolean appendOnly,
        @Nullable CatalogConfiguration catalogConfiguration,
        @Nullable S3DestinationDescription s3DestinationDescription) {}

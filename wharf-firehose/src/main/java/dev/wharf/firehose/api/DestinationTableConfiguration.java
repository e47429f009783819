package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's DestinationTableConfiguration shape, as the model names its members. */
public record DestinationTableConfiguration(
        @Nullable String destinationTableName,
        @Nullable String destinationDatabaseName,
        @Nullable List<String> uniqueKeys,
        @Nullable PartitionSpec partitionSpec,
        @Nullable String s3ErrorOutputPrefix) {}

package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The output of DescribeContinuousBackups. */
public record DescribeContinuousBackupsResponse(@Nullable ContinuousBackupsDescription continuousBackupsDescription) {}

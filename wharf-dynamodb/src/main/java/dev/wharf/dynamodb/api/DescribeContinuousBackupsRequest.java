package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The input of DescribeContinuousBackups. */
public record DescribeContinuousBackupsRequest(@Nullable String tableName) {}

package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The output of UpdateContinuousBackups. */
public record UpdateContinuousBackupsResponse(@Nullable ContinuousBackupsDescription continuousBackupsDescription) {}

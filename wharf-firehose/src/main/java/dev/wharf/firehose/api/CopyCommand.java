package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's CopyCommand shape, as the model names its members. */
public record CopyCommand(
        @Nullable String dataTableName,
        @Nullable String dataTableColumns,
        @Nullable String copyOptions) {}

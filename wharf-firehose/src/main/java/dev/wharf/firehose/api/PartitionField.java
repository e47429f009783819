package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's PartitionField shape, as the model names its members. */
public record PartitionField(@Nullable String sourceName) {}

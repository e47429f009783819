package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's DirectPutSourceDescription shape, as the model names its members. */
public record DirectPutSourceDescription(@Nullable Integer throughputHintInMBs) {}

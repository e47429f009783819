package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's DirectPutSourceConfiguration shape, as the model names its members. */
public record DirectPutSourceConfiguration(@Nullable Integer throughputHintInMBs) {}

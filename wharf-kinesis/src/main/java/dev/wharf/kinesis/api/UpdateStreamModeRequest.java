package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of UpdateStreamMode. */
public record UpdateStreamModeRequest(
        @Nullable String streamARN,
        @Nullable String streamId,
        @Nullable StreamModeDetails streamModeDetails,
        @Nullable Integer warmThroughputMiBps) {}

package dev.wharf.kinesis.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Kinesis's StreamSummary shape, as the model names its members. */
public record StreamSummary(
        @Nullable String streamName,
        @Nullable String streamARN,
        @Nullable String streamStatus,
        @Nullable StreamModeDetails streamModeDetails,
        @Nullable Instant streamCreationTimestamp) {}

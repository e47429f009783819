package dev.wharf.kinesis.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of CreateStream. */
public record CreateStreamRequest(
        @Nullable String streamName,
        @Nullable Integer shardCount,
        @Nullable StreamModeDetails streamModeDetails,
        @Nullable Map<String, String> tags,
        @Nullable Integer warmThroughputMiBps,
        @Nullable Integer maxRecordSizeInKiB) {}

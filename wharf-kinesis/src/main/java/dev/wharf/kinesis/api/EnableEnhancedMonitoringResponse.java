package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of EnableEnhancedMonitoring. */
public record EnableEnhancedMonitoringResponse(
        @Nullable String streamName,
        @Nullable List<String> currentShardLevelMetrics,
        @Nullable List<String> desiredShardLevelMetrics,
        @Nullable String streamARN) {}

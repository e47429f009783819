package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of EnableEnhancedMonitoring. */
public record EnableEnhancedMonitoringRequest(
        @Nullable String streamName,
        @Nullable List<String> shardLevelMetrics,
        @Nullable String streamARN,
        @Nullable String streamId) {}

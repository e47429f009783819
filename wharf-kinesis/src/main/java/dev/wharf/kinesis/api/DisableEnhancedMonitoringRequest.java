package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of DisableEnhancedMonitoring. */
public record DisableEnhancedMonitoringRequest(
        @Nullable String streamName,
        @Nullable List<String> shardLevelMetrics,
        @Nullable String streamARN,
        @Nullable String streamId) {}

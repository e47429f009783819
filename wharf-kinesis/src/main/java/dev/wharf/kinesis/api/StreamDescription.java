package dev.wharf.kinesis.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Kinesis's StreamDescription shape, as the model names its members. */
public record StreamDescription(
        @Nullable String streamName,
        @Nullable String streamARN,
        @Nullable String streamStatus,
        @Nullable StreamModeDetails streamModeDetails,
        @Nullable List<Shard> shards,
        @Nullable Boolean hasMoreShards,
        @Nullable Integer retentionPeriodHours,
        @Nullable Instant streamCreationTimestamp,
        @Nullable List<EnhancedMetrics> enhancedMonitoring,
        @Nullable String encryptionType,
        @Nullable String keyId) {}

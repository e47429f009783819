package dev.wharf.kinesis.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Kinesis's StreamDescriptionSummary shape, as the model names its members. */
public record StreamDescriptionSummary(
        @Nullable String streamName,
        @Nullable String streamARN,
        @Nullable String streamId,
        @Nullable String streamStatus,
        @Nullable StreamModeDetails streamModeDetails,
        @Nullable Integer retentionPeriodHours,
        @Nullable Instant streamCreationTimestamp,
        @Nullable List<EnhancedMetrics> enhancedMonitoring,
        @Nullable String encryptionType,
        @Nullable String keyId,
        @Nullable Integer openShardCount,
        @Nullable Integer consumerCount,
        @Nullable WarmThroughputObject warmThroughput,
        @Nullable Integer maxRecordSizeInKiB) {}

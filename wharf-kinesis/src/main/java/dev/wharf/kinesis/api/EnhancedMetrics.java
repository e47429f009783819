package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Kinesis's EnhancedMetrics shape, as the model names its members. */
public record EnhancedMetrics(@Nullable List<String> shardLevelMetrics) {}

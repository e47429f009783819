package dev.wharf.cloudwatch.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's MetricDataResult shape, as the model names its members. */
public record MetricDataResult(
        @Nullable String id,
        @Nullable String label,
        @Nullable List<Instant> timestamps,
        @Nullable List<Double> values,
        @Nullable String statusCode,
        @Nullable List<MessageData> messages) {}

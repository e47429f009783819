package dev.wharf.kinesis.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Kinesis's Consumer shape, as the model names its members. */
public record Consumer(
        @Nullable String consumerName,
        @Nullable String consumerARN,
        @Nullable String consumerStatus,
        @Nullable Instant consumerCreationTimestamp) {}

package dev.wharf.kinesis.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Kinesis's ConsumerDescription shape, as the model names its members. */
public record ConsumerDescription(
        @Nullable String consumerName,
        @Nullable String consumerARN,
        @Nullable String consumerStatus,
        @Nullable Instant consumerCreationTimestamp,
        @Nullable String streamARN) {}

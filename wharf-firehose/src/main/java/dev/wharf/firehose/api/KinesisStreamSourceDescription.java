package dev.wharf.firehose.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's KinesisStreamSourceDescription shape, as the model names its members. */
public record KinesisStreamSourceDescription(
        @Nullable String kinesisStreamARN,
        @Nullable String roleARN,
        @Nullable Instant deliveryStartTimestamp) {}

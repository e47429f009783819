package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's KinesisStreamSourceConfiguration shape, as the model names its members. */
public record KinesisStreamSourceConfiguration(
        @Nullable String kinesisStreamARN, @Nullable String roleARN) {}

package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of RegisterStreamConsumer. */
public record RegisterStreamConsumerResponse(@Nullable Consumer consumer) {}

package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of DeregisterStreamConsumer. */
public record DeregisterStreamConsumerRequest(
        @Nullable String streamARN,
        @Nullable String consumerName,
        @Nullable String consumerARN,
        @Nullable String streamId) {}

package dev.wharf.kinesis.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of RegisterStreamConsumer. */
public record RegisterStreamConsumerRequest(
        @Nullable String streamARN,
        @Nullable String consumerName,
        @Nullable String streamId,
        @Nullable Map<String, String> tags) {}

package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListStreamConsumers. */
public record ListStreamConsumersResponse(
        @Nullable List<Consumer> consumers, @Nullable String nextToken) {}

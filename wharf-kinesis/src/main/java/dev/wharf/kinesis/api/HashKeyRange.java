package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** Part of Kinesis's HashKeyRange shape, as the model names its members. */
public record HashKeyRange(
        @Nullable String startingHashKey, @Nullable String endingHashKey) {}

package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of DeleteResourcePolicy. */
public record DeleteResourcePolicyRequest(
        @Nullable String resourceARN, @Nullable String streamId) {}

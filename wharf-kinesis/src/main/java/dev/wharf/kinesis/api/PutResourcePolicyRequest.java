package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of PutResourcePolicy. */
public record PutResourcePolicyRequest(
        @Nullable String resourceARN,
        @Nullable String streamId,
        @Nullable String policy) {}

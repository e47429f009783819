package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of GetResourcePolicy. */
public record GetResourcePolicyRequest(
        @Nullable String resourceARN, @Nullable String streamId) {}

package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of GetResourcePolicy. */
public record GetResourcePolicyResponse(@Nullable String policy) {}

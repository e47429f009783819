package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of GetDataProtectionPolicy. */
public record GetDataProtectionPolicyRequest(@Nullable String resourceArn) {}

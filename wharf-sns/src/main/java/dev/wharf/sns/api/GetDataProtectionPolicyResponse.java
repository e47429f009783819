package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The output of GetDataProtectionPolicy. */
public record GetDataProtectionPolicyResponse(@Nullable String dataProtectionPolicy) {}

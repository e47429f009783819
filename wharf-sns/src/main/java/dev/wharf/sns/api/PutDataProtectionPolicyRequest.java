package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of PutDataProtectionPolicy. */
public record PutDataProtectionPolicyRequest(
        @Nullable String resourceArn, @Nullable String dataProtectionPolicy) {}

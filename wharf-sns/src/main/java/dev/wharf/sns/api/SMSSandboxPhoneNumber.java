package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** Part of SNS's SMSSandboxPhoneNumber shape, as the model names its members. */
public record SMSSandboxPhoneNumber(
        @Nullable String phoneNumber, @Nullable String status) {}

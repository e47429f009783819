package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of VerifySMSSandboxPhoneNumber. */
public record VerifySMSSandboxPhoneNumberRequest(
        @Nullable String phoneNumber, @Nullable String oneTimePassword) {}

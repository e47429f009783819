package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of CreateSMSSandboxPhoneNumber. */
public record CreateSMSSandboxPhoneNumberRequest(
        @Nullable String phoneNumber, @Nullable String languageCode) {}

package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of DeleteSMSSandboxPhoneNumber. */
public record DeleteSMSSandboxPhoneNumberRequest(@Nullable String phoneNumber) {}

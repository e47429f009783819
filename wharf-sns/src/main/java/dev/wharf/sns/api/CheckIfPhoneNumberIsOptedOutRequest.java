package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of CheckIfPhoneNumberIsOptedOut. */
public record CheckIfPhoneNumberIsOptedOutRequest(@Nullable String phoneNumber) {}

package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The output of CheckIfPhoneNumberIsOptedOut. */
public record CheckIfPhoneNumberIsOptedOutResponse(@Nullable Boolean isOptedOut) {}

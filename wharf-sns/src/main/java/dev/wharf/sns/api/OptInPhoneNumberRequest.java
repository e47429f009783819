package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of OptInPhoneNumber. */
public record OptInPhoneNumberRequest(@Nullable String phoneNumber) {}

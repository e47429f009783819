package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of ListPhoneNumbersOptedOut. */
public record ListPhoneNumbersOptedOutRequest(@Nullable String nextToken) {}

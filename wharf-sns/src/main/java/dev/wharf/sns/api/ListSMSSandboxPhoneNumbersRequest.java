package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of ListSMSSandboxPhoneNumbers. */
public record ListSMSSandboxPhoneNumbersRequest(
        @Nullable String nextToken, @Nullable Integer maxResults) {}

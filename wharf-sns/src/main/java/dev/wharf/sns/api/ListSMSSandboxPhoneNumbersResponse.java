package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListSMSSandboxPhoneNumbers. */
public record ListSMSSandboxPhoneNumbersResponse(
        @Nullable List<SMSSandboxPhoneNumber> phoneNumbers,
        @Nullable String nextToken) {}

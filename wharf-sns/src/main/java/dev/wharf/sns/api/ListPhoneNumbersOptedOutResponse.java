package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListPhoneNumbersOptedOut. */
public record ListPhoneNumbersOptedOutResponse(
        @Nullable List<String> phoneNumbers, @Nullable String nextToken) {}

package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListOriginationNumbers. */
public record ListOriginationNumbersResponse(
        @Nullable String nextToken, @Nullable List<PhoneNumberInformation> phoneNumbers) {}

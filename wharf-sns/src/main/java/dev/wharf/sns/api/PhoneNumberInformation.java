package dev.wharf.sns.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of SNS's PhoneNumberInformation shape, as the model names its members. */
public record PhoneNumberInformation(
        @Nullable Instant createdAt,
        @Nullable String phoneNumber,
        @Nullable String status,
        @Nullable String iso2CountryCode,
        @Nullable String routeType,
        @Nullable List<String> numberCapabilities) {}

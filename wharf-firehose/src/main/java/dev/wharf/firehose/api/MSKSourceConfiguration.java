package dev.wharf.firehose.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's MSKSourceConfiguration shape, as the model names its members. */
public record MSKSourceConfiguration(
        @Nullable String mSKClusterARN,
        @Nullable String topicName,
        @Nullable AuthenticationConfiguration authenticationConfiguration,
        @Nullable Instant readFromTimestamp) {}

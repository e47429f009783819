package dev.wharf.firehose.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's MSKSourceDescription shape, as the model names its members. */
public record MSKSourceDescription(
        @Nullable String mSKClusterARN,
        @Nullable String topicName,
        @Nullable AuthenticationConfiguration authenticationConfiguration,
        @Nullable Instant deliveryStartTimestamp,
        @Nullable Instant readFromTimestamp) {}

package dev.wharf.firehose.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's DeliveryStreamDescription shape, as the model names its members. */
public record DeliveryStreamDescription(
        @Nullable String deliveryStreamName,
        @Nullable String deliveryStreamARN,
        @Nullable String deliveryStreamStatus,
        @Nullable FailureDescription failureDescription,
        @Nullable DeliveryStreamEncryptionConfiguration deliveryStreamEncryptionConfiguration,
        @Nullable String deliveryStreamType,
        @Nullable String versionId,
        @Nullable Instant createTimestamp,
        @Nullable Instant lastUpdateTimestamp,
        @Nullable SourceDescription source,
        @Nullable List<DestinationDescription> destinations,
        @Nullable Boolean hasMoreDestinations) {}

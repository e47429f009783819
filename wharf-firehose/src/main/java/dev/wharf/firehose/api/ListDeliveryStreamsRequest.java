package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The input of ListDeliveryStreams. */
public record ListDeliveryStreamsRequest(
        @Nullable Integer limit,
        @Nullable String deliveryStreamType,
        @Nullable String exclusiveStartDeliveryStreamName) {}

package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The input of ListTagsForDeliveryStream. */
public record ListTagsForDeliveryStreamRequest(
        @Nullable String deliveryStreamName,
        @Nullable String exclusiveStartTagKey,
        @Nullable Integer limit) {}

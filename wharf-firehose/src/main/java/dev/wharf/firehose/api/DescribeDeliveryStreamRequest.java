package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The input of DescribeDeliveryStream. */
public record DescribeDeliveryStreamRequest(
        @Nullable String deliveryStreamName,
        @Nullable Integer limit,
        @Nullable String exclusiveStartDestinationId) {}

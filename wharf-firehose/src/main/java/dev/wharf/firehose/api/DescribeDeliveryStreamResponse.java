package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The output of DescribeDeliveryStream. */
public record DescribeDeliveryStreamResponse(@Nullable DeliveryStreamDescription deliveryStreamDescription) {}

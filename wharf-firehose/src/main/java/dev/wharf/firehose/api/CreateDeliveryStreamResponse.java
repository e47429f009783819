package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The output of CreateDeliveryStream. */
public record CreateDeliveryStreamResponse(@Nullable String deliveryStreamARN) {}

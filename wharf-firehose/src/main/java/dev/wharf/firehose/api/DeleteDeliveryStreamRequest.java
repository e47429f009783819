package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The input of DeleteDeliveryStream. */
public record DeleteDeliveryStreamRequest(
        @Nullable String deliveryStreamName, @Nullable Boolean allowForceDelete) {}

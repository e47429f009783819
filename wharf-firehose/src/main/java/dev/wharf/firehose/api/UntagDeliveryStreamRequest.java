package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of UntagDeliveryStream. */
public record UntagDeliveryStreamRequest(
        @Nullable String deliveryStreamName, @Nullable List<String> tagKeys) {}

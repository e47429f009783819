package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of TagDeliveryStream. */
public record TagDeliveryStreamRequest(
        @Nullable String deliveryStreamName, @Nullable List<Tag> tags) {}

package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListDeliveryStreams. */
public record ListDeliveryStreamsResponse(
        @Nullable List<String> deliveryStreamNames,
        @Nullable Boolean hasMoreDeliveryStreams) {}

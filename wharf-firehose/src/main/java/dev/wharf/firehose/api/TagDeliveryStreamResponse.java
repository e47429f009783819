package dev.wharf.firehose.api;

/** The output of TagDeliveryStream. */
public record TagDeliveryStreamResponse() {}

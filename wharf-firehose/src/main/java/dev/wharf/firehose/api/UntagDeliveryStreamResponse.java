package dev.wharf.firehose.api;

/** The output of UntagDeliveryStream. */
public record UntagDeliveryStreamResponse() {}

package dev.wharf.firehose.api;

/** The output of DeleteDeliveryStream. */
public record DeleteDeliveryStreamResponse() {}

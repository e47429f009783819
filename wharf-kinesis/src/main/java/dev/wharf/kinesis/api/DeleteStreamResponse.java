package dev.wharf.kinesis.api;

/** The output of DeleteStream. */
public record DeleteStreamResponse() {}

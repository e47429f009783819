package dev.wharf.kinesis.api;

/** The output of CreateStream. */
public record CreateStreamResponse() {}

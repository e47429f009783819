package dev.wharf.kinesis.api;

/** The output of AddTagsToStream. */
public record AddTagsToStreamResponse() {}

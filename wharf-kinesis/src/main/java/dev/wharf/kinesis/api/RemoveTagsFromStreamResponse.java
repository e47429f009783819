package dev.wharf.kinesis.api;

/** The output of RemoveTagsFromStream. */
public record RemoveTagsFromStreamResponse() {}

package dev.wharf.kinesis.api;

/** The output of UpdateStreamMode. */
public record UpdateStreamModeResponse() {}

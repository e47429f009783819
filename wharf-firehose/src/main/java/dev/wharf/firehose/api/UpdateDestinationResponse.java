package dev.wharf.firehose.api;

/** The output of UpdateDestination. */
public record UpdateDestinationResponse() {}

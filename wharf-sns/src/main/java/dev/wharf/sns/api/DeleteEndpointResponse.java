package dev.wharf.sns.api;

/** The output of DeleteEndpoint. */
public record DeleteEndpointResponse() {}

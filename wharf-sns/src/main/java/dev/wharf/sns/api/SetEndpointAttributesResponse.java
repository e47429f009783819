package dev.wharf.sns.api;

/** The output of SetEndpointAttributes. */
public record SetEndpointAttributesResponse() {}

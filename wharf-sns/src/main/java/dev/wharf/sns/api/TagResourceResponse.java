package dev.wharf.sns.api;

/** The output of TagResource. */
public record TagResourceResponse() {}

package dev.wharf.sns.api;

/** The output of UntagResource. */
public record UntagResourceResponse() {}

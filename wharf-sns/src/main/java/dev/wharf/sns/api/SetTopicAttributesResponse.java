package dev.wharf.sns.api;

/** The output of SetTopicAttributes. */
public record SetTopicAttributesResponse() {}

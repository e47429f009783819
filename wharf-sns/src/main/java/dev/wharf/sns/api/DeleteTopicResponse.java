package dev.wharf.sns.api;

/** The output of DeleteTopic. */
public record DeleteTopicResponse() {}

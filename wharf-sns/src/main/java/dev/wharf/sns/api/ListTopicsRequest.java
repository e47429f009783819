package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of ListTopics. */
public record ListTopicsRequest(@Nullable String nextToken) {}

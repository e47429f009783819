package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's ListTags operation, as the model names its members. */
public record ListTagsRequest(@Nullable String resourceArn) {}

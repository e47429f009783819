package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** The input of ListTagsForResource. */
public record ListTagsForResourceRequest(@Nullable String resourceARN) {}

package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The input of ListTagsOfResource. */
public record ListTagsOfResourceRequest(
        @Nullable String resourceArn, @Nullable String nextToken) {}

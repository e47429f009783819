package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListTagsOfResource. */
public record ListTagsOfResourceResponse(
        @Nullable List<Tag> tags, @Nullable String nextToken) {}

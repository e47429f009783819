package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of TagResource. */
public record TagResourceRequest(
        @Nullable String resourceArn, @Nullable List<Tag> tags) {}

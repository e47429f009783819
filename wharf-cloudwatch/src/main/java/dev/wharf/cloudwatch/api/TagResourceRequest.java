package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of TagResource. */
public record TagResourceRequest(
        @Nullable String resourceARN, @Nullable List<Tag> tags) {}

package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListTagsForResource. */
public record ListTagsForResourceResponse(@Nullable List<Tag> tags) {}

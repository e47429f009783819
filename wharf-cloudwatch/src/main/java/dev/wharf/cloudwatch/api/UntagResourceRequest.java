package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of UntagResource. */
public record UntagResourceRequest(
        @Nullable String resourceARN, @Nullable List<String> tagKeys) {}

package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of UntagResource. */
public record UntagResourceRequest(
        @Nullable String resourceArn, @Nullable List<String> tagKeys) {}

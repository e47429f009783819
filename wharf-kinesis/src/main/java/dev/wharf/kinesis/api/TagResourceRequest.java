package dev.wharf.kinesis.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of TagResource. */
public record TagResourceRequest(
        @Nullable Map<String, String> tags,
        @Nullable String resourceARN,
        @Nullable String streamId) {}

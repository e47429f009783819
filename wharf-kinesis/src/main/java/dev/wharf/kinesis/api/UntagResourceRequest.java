package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of UntagResource. */
public record UntagResourceRequest(
        @Nullable List<String> tagKeys,
        @Nullable String resourceARN,
        @Nullable String streamId) {}

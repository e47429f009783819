package dev.wharf.kinesis.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of AddTagsToStream. */
public record AddTagsToStreamRequest(
        @Nullable String streamName,
        @Nullable Map<String, String> tags,
        @Nullable String streamARN,
        @Nullable String streamId) {}

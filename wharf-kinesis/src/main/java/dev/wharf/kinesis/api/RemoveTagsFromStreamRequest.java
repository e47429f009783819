package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of RemoveTagsFromStream. */
public record RemoveTagsFromStreamRequest(
        @Nullable String streamName,
        @Nullable List<String> tagKeys,
        @Nullable String streamARN,
        @Nullable String streamId) {}

package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListTagsForStream. */
public record ListTagsForStreamResponse(
        @Nullable List<Tag> tags, @Nullable Boolean hasMoreTags) {}

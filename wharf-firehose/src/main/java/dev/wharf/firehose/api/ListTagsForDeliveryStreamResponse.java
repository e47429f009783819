package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListTagsForDeliveryStream. */
public record ListTagsForDeliveryStreamResponse(
        @Nullable List<Tag> tags, @Nullable Boolean hasMoreTags) {}

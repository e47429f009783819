package dev.wharf.mq.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's CreateTags operation, as the model names its members. */
public record CreateTagsRequest(
        @Nullable String resourceArn, @Nullable Map<String, String> tags) {}

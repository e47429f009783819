package dev.wharf.mq.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's ListTags operation, as the model names its members. */
public record ListTagsResponse(@Nullable Map<String, String> tags) {}

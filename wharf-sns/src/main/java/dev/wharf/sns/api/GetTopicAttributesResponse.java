package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of GetTopicAttributes. */
public record GetTopicAttributesResponse(@Nullable Map<String, String> attributes) {}

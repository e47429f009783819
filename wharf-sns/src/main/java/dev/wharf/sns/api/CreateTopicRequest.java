package dev.wharf.sns.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of CreateTopic. */
public record CreateTopicRequest(
        @Nullable String name,
        @Nullable Map<String, String> attributes,
        @Nullable List<Tag> tags,
        @Nullable String dataProtectionPolicy) {}

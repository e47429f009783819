package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListTopics. */
public record ListTopicsResponse(
        @Nullable List<Topic> topics, @Nullable String nextToken) {}

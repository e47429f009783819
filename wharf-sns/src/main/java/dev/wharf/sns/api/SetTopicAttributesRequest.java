package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of SetTopicAttributes. */
public record SetTopicAttributesRequest(
        @Nullable String topicArn,
        @Nullable String attributeName,
        @Nullable String attributeValue) {}

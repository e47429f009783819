package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of Publish. */
public record PublishRequest(
        @Nullable String topicArn,
        @Nullable String targetArn,
        @Nullable String phoneNumber,
        @Nullable String message,
        @Nullable String subject,
        @Nullable String messageStructure,
        @Nullable Map<String, MessageAttributeValue> messageAttributes,
        @Nullable String messageDeduplicationId,
        @Nullable String messageGroupId) {}

package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of SNS's PublishBatchRequestEntry shape, as the model names its members. */
public record PublishBatchRequestEntry(
        @Nullable String id,
        @Nullable String message,
        @Nullable String subject,
        @Nullable String messageStructure,
        @Nullable Map<String, MessageAttributeValue> messageAttributes,
        @Nullable String messageDeduplicationId,
        @Nullable String messageGroupId) {}

package dev.wharf.sqs.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One message of SendMessageBatch. */
public record SendMessageBatchRequestEntry(
        String id,
        @Nullable String messageBody,
        @Nullable Integer delaySeconds,
        @Nullable Map<String, MessageAttributeValue> messageAttributes,
        @Nullable Map<String, MessageSystemAttributeValue> messageSystemAttributes,
        @Nullable String messageDeduplicationId,
        @Nullable String messageGroupId) {

    /** An entry with a body only. */
    public static SendMessageBatchRequestEntry of(String id, String messageBody) {
        return new SendMessageBatchRequestEntry(id, messageBody, null, null, null, null, null);
    }
}

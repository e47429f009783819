package dev.wharf.sqs.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of SendMessage. */
public record SendMessageRequest(
        String queueUrl,
        @Nullable String messageBody,
        @Nullable Integer delaySeconds,
        @Nullable Map<String, MessageAttributeValue> messageAttributes,
        @Nullable Map<String, MessageSystemAttributeValue> messageSystemAttributes,
        @Nullable String messageDeduplicationId,
        @Nullable String messageGroupId) {

    /** A request with a body only. */
    public static SendMessageRequest of(String queueUrl, String messageBody) {
        return new SendMessageRequest(queueUrl, messageBody, null, null, null, null, null);
    }
}

package dev.wharf.sqs.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of ReceiveMessage. */
public record ReceiveMessageRequest(
        String queueUrl,
        @Nullable List<String> attributeNames,
        @Nullable List<String> messageSystemAttributeNames,
        @Nullable List<String> messageAttributeNames,
        @Nullable Integer maxNumberOfMessages,
        @Nullable Integer visibilityTimeout,
        @Nullable Integer waitTimeSeconds,
        @Nullable String receiveRequestAttemptId) {

    /** A short poll for at most {@code maxNumberOfMessages}, with every attribute. */
    public static ReceiveMessageRequest of(String queueUrl, int maxNumberOfMessages) {
        return new ReceiveMessageRequest(
                queueUrl, null, List.of("All"), List.of("All"), maxNumberOfMessages, null, 0, null);
    }
}

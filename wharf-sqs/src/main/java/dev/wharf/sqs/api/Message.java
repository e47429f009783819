package dev.wharf.sqs.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A message that ReceiveMessage returns. */
public record Message(
        String messageId,
        String receiptHandle,
        String md5OfBody,
        String body,
        Map<String, String> attributes,
        @Nullable String md5OfMessageAttributes,
        Map<String, MessageAttributeValue> messageAttributes) {}

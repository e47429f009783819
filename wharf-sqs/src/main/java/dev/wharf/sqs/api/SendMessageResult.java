package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/** The result of SendMessage. */
public record SendMessageResult(
        String md5OfMessageBody,
        @Nullable String md5OfMessageAttributes,
        @Nullable String md5OfMessageSystemAttributes,
        String messageId,
        @Nullable String sequenceNumber) {}

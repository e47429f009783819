package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/** One message that SendMessageBatch enqueued. */
public record SendMessageBatchResultEntry(
        String id,
        String messageId,
        String md5OfMessageBody,
        @Nullable String md5OfMessageAttributes,
        @Nullable String md5OfMessageSystemAttributes,
        @Nullable String sequenceNumber) {}

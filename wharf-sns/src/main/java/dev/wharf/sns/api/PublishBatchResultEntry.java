package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** Part of SNS's PublishBatchResultEntry shape, as the model names its members. */
public record PublishBatchResultEntry(
        @Nullable String id,
        @Nullable String messageId,
        @Nullable String sequenceNumber) {}

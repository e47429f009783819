package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/** One entry of a batch request that failed, with its error code and message. */
public record BatchResultErrorEntry(
        String id,
        boolean senderFault,
        String code,
        @Nullable String message) {}

package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The output of Publish. */
public record PublishResponse(
        @Nullable String messageId, @Nullable String sequenceNumber) {}

package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** Part of SNS's BatchResultErrorEntry shape, as the model names its members. */
public record BatchResultErrorEntry(
        @Nullable String id,
        @Nullable String code,
        @Nullable String message,
        @Nullable Boolean senderFault) {}

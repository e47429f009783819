package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's PutRecordBatchResponseEntry shape, as the model names its members. */
public record PutRecordBatchResponseEntry(
        @Nullable String recordId,
        @Nullable String errorCode,
        @Nullable String errorMessage) {}

package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** Part of Kinesis's PutRecordsResultEntry shape, as the model names its members. */
public record PutRecordsResultEntry(
        @Nullable String sequenceNumber,
        @Nullable String shardId,
        @Nullable String errorCode,
        @Nullable String errorMessage) {}

package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of PutRecord. */
public record PutRecordResponse(
        @Nullable String shardId,
        @Nullable String sequenceNumber,
        @Nullable String encryptionType) {}

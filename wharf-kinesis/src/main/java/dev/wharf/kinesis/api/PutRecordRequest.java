package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of PutRecord. */
public record PutRecordRequest(
        @Nullable String streamName,
        byte @Nullable [] data,
        @Nullable String partitionKey,
        @Nullable String explicitHashKey,
        @Nullable String sequenceNumberForOrdering,
        @Nullable String streamARN,
        @Nullable String streamId) {}

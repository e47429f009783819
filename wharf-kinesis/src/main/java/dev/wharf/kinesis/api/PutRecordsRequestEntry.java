package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** Part of Kinesis's PutRecordsRequestEntry shape, as the model names its members. */
public record PutRecordsRequestEntry(
        byte @Nullable [] data,
        @Nullable String explicitHashKey,
        @Nullable String partitionKey) {}

package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of GetRecords. */
public record GetRecordsRequest(
        @Nullable String shardIterator,
        @Nullable Integer limit,
        @Nullable String streamARN,
        @Nullable String streamId) {}

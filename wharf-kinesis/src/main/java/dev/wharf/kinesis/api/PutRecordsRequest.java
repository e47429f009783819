package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of PutRecords. */
public record PutRecordsRequest(
        @Nullable List<PutRecordsRequestEntry> records,
        @Nullable String streamName,
        @Nullable String streamARN,
        @Nullable String streamId) {}

package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The input of UpdateMaxRecordSize. */
public record UpdateMaxRecordSizeRequest(
        @Nullable String streamARN,
        @Nullable String streamId,
        @Nullable Integer maxRecordSizeInKiB) {}

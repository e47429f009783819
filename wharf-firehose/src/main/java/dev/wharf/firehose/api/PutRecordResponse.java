package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The output of PutRecord. */
public record PutRecordResponse(
        @Nullable String recordId, @Nullable Boolean encrypted) {}

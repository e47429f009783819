package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of PutRecordBatch. */
public record PutRecordBatchResponse(
        @Nullable Integer failedPutCount,
        @Nullable Boolean encrypted,
        @Nullable List<PutRecordBatchResponseEntry> requestResponses) {}

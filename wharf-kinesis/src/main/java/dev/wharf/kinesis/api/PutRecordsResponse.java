package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of PutRecords. */
public record PutRecordsResponse(
        @Nullable Integer failedRecordCount,
        @Nullable List<PutRecordsResultEntry> records,
        @Nullable String encryptionType) {}

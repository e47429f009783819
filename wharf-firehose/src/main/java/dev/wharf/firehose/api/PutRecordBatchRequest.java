package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of PutRecordBatch. */
public record PutRecordBatchRequest(
        @Nullable String deliveryStreamName, @Nullable List<StreamRecord> records) {}

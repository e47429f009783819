package dev.wharf.sqs.api;

import java.util.List;

/** The result of DeleteMessageBatch. */
public record DeleteMessageBatchResult(
        List<DeleteMessageBatchResultEntry> successful, List<BatchResultErrorEntry> failed) {}

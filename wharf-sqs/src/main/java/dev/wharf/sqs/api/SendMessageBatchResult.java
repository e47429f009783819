package dev.wharf.sqs.api;

import java.util.List;

/** The result of SendMessageBatch. */
public record SendMessageBatchResult(
        List<SendMessageBatchResultEntry> successful, List<BatchResultErrorEntry> failed) {}

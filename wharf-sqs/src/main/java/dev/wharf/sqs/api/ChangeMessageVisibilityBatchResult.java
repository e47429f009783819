package dev.wharf.sqs.api;

import java.util.List;

/** The result of ChangeMessageVisibilityBatch. */
public record ChangeMessageVisibilityBatchResult(
        List<ChangeMessageVisibilityBatchResultEntry> successful, List<BatchResultErrorEntry> failed) {}

package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of PublishBatch. */
public record PublishBatchResponse(
        @Nullable List<PublishBatchResultEntry> successful,
        @Nullable List<BatchResultErrorEntry> failed) {}

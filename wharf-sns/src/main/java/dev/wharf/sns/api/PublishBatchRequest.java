package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of PublishBatch. */
public record PublishBatchRequest(
        @Nullable String topicArn, @Nullable List<PublishBatchRequestEntry> publishBatchRequestEntries) {}

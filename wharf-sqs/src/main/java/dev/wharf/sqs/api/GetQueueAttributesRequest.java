package dev.wharf.sqs.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of GetQueueAttributes. */
public record GetQueueAttributesRequest(
        String queueUrl, @Nullable List<String> attributeNames) {}

package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/** The input of StartMessageMoveTask. */
public record StartMessageMoveTaskRequest(
        String sourceArn,
        @Nullable String destinationArn,
        @Nullable Integer maxNumberOfMessagesPerSecond) {}

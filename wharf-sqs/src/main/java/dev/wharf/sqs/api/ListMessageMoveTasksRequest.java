package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/** The input of ListMessageMoveTasks. */
public record ListMessageMoveTasksRequest(
        String sourceArn, @Nullable Integer maxResults) {}

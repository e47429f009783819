package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/**
 * One message movement task, as ListMessageMoveTasks describes it.
 *
 * @param taskHandle only while the task is RUNNING
 * @param status RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED
 * @param destinationArn only when StartMessageMoveTask named one
 * @param maxNumberOfMessagesPerSecond only when StartMessageMoveTask set one
 * @param approximateNumberOfMessagesToMove the messages in the source queue when the task started
 * @param failureReason only when the task FAILED
 * @param startedTimestamp epoch millis
 */
public record ListMessageMoveTasksResultEntry(
        @Nullable String taskHandle,
        String status,
        String sourceArn,
        @Nullable String destinationArn,
        @Nullable Integer maxNumberOfMessagesPerSecond,
        long approximateNumberOfMessagesMoved,
        @Nullable Long approximateNumberOfMessagesToMove,
        @Nullable String failureReason,
        long startedTimestamp) {}

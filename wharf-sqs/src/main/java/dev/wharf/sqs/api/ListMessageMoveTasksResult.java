package dev.wharf.sqs.api;

import java.util.List;

/** The result of ListMessageMoveTasks: the most recent tasks first. */
public record ListMessageMoveTasksResult(List<ListMessageMoveTasksResultEntry> results) {}

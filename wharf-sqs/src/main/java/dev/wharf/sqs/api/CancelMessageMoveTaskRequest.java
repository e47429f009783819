package dev.wharf.sqs.api;

/** The input of CancelMessageMoveTask. */
public record CancelMessageMoveTaskRequest(String taskHandle) {}

package dev.wharf.sqs.api;

/** The result of StartMessageMoveTask. */
public record StartMessageMoveTaskResult(String taskHandle) {}

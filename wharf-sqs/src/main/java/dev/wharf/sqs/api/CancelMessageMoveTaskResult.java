package dev.wharf.sqs.api;

/** The result of CancelMessageMoveTask. */
public record CancelMessageMoveTaskResult(long approximateNumberOfMessagesMoved) {}

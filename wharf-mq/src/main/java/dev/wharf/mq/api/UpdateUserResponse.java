package dev.wharf.mq.api;

/** The output of Amazon MQ's UpdateUser operation, as the model names its members. */
public record UpdateUserResponse() {}

package dev.wharf.mq.api;

/** The output of Amazon MQ's DeleteUser operation, as the model names its members. */
public record DeleteUserResponse() {}

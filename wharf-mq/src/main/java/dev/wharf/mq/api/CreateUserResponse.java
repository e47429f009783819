package dev.wharf.mq.api;

/** The output of Amazon MQ's CreateUser operation, as the model names its members. */
public record CreateUserResponse() {}

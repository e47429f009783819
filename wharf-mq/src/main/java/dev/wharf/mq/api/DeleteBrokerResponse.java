package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's DeleteBroker operation, as the model names its members. */
public record DeleteBrokerResponse(@Nullable String brokerId) {}

package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's DeleteBroker operation, as the model names its members. */
public record DeleteBrokerRequest(@Nullable String brokerId) {}

package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's RebootBroker operation, as the model names its members. */
public record RebootBrokerRequest(@Nullable String brokerId) {}

package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's CreateBroker operation, as the model names its members. */
public record CreateBrokerResponse(
        @Nullable String brokerArn, @Nullable String brokerId) {}

package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's DescribeBroker operation, as the model names its members. */
public record DescribeBrokerRequest(@Nullable String brokerId) {}

package dev.wharf.mq.api;

import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's AvailabilityZone shape, as the model names its members. */
public record AvailabilityZone(@Nullable String name) {}

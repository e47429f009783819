package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's BrokerInstance shape, as the model names its members. */
public record BrokerInstance(
        @Nullable String consoleURL,
        @Nullable List<String> endpoints,
        @Nullable String ipAddress) {}

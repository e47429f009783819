package dev.wharf.mq.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's BrokerSummary shape, as the model names its members. */
public record BrokerSummary(
        @Nullable String brokerArn,
        @Nullable String brokerId,
        @Nullable String brokerName,
        @Nullable String brokerState,
        @Nullable Instant created,
        @Nullable String deploymentMode,
        @Nullable String engineType,
        @Nullable String hostInstanceType) {}

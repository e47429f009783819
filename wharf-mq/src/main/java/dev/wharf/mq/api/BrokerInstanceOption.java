package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's BrokerInstanceOption shape, as the model names its members. */
public record BrokerInstanceOption(
        @Nullable List<AvailabilityZone> availabilityZones,
        @Nullable String engineType,
        @Nullable String hostInstanceType,
        @Nullable String storageType,
        @Nullable List<String> supportedDeploymentModes,
        @Nullable List<String> supportedEngineVersions) {}

package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's BrokerEngineType shape, as the model names its members. */
public record BrokerEngineType(
        @Nullable String engineType, @Nullable List<EngineVersion> engineVersions) {}

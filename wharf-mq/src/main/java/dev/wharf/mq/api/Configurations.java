package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Amazon MQ's Configurations shape, as the model names its members. */
public record Configurations(
        @Nullable ConfigurationId current,
        @Nullable List<ConfigurationId> history,
        @Nullable ConfigurationId pending) {}

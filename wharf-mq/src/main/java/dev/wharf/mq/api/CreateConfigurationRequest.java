package dev.wharf.mq.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's CreateConfiguration operation, as the model names its members. */
public record CreateConfigurationRequest(
        @Nullable String authenticationStrategy,
        @Nullable String engineType,
        @Nullable String engineVersion,
        @Nullable String name,
        @Nullable Map<String, String> tags) {}

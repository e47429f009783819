package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's ProcessorParameter shape, as the model names its members. */
public record ProcessorParameter(
        @Nullable String parameterName, @Nullable String parameterValue) {}

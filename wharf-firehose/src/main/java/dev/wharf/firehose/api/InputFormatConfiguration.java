package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's InputFormatConfiguration shape, as the model names its members. */
public record InputFormatConfiguration(@Nullable Deserializer deserializer) {}

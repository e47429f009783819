package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's Deserializer shape, as the model names its members. */
public record Deserializer(
        @Nullable OpenXJsonSerDe openXJsonSerDe, @Nullable HiveJsonSerDe hiveJsonSerDe) {}

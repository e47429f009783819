package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's OutputFormatConfiguration shape, as the model names its members. */
public record OutputFormatConfiguration(@Nullable Serializer serializer) {}

package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's TableCreationConfiguration shape, as the model names its members. */
public record TableCreationConfiguration(@Nullable Boolean enabled) {}

package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SchemaEvolutionConfiguration shape, as the model names its members. */
public record SchemaEvolutionConfiguration(@Nullable Boolean enabled) {}

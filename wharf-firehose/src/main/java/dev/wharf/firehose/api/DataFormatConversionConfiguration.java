package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's DataFormatConversionConfiguration shape, as the model names its members. */
public record DataFormatConversionConfiguration(
        @Nullable SchemaConfiguration schemaConfiguration,
        @Nullable InputFormatConfiguration inputFormatConfiguration,
        @Nullable OutputFormatConfiguration outputFormatConfiguration,
        @Nullable Boolean enabled) {}

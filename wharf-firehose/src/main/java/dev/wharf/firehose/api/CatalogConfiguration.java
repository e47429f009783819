package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's CatalogConfiguration shape, as the model names its members. */
public record CatalogConfiguration(
        @Nullable String catalogARN, @Nullable String warehouseLocation) {}

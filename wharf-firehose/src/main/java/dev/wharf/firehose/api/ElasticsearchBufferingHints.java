package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's ElasticsearchBufferingHints shape, as the model names its members. */
public record ElasticsearchBufferingHints(
        @Nullable Integer intervalInSeconds, @Nullable Integer sizeInMBs) {}

package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's AmazonopensearchserviceBufferingHints shape, as the model names its members. */
public record AmazonopensearchserviceBufferingHints(
        @Nullable Integer intervalInSeconds, @Nullable Integer sizeInMBs) {}

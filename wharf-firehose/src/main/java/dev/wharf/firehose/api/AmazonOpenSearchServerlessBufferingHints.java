package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's AmazonOpenSearchServerlessBufferingHints shape, as the model names its members. */
public record AmazonOpenSearchServerlessBufferingHints(
        @Nullable Integer intervalInSeconds, @Nullable Integer sizeInMBs) {}

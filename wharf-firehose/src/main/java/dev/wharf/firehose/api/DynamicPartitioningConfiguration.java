package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's DynamicPartitioningConfiguration shape, as the model names its members. */
public record DynamicPartitioningConfiguration(
        @Nullable RetryOptions retryOptions, @Nullable Boolean enabled) {}

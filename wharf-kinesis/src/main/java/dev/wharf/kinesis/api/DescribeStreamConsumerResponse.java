package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of DescribeStreamConsumer. */
public record DescribeStreamConsumerResponse(@Nullable ConsumerDescription consumerDescription) {}

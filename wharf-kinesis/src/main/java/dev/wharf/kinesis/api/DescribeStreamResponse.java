package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of DescribeStream. */
public record DescribeStreamResponse(@Nullable StreamDescription streamDescription) {}

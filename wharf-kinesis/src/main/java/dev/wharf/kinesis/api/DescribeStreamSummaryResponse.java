package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** The output of DescribeStreamSummary. */
public record DescribeStreamSummaryResponse(@Nullable StreamDescriptionSummary streamDescriptionSummary) {}

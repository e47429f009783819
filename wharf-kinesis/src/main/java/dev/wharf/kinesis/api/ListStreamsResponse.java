package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListStreams. */
public record ListStreamsResponse(
        @Nullable List<String> streamNames,
        @Nullable Boolean hasMoreStreams,
        @Nullable String nextToken,
        @Nullable List<StreamSummary> streamSummaries) {}

package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The output of DescribeTimeToLive. */
public record DescribeTimeToLiveResponse(@Nullable TimeToLiveDescription timeToLiveDescription) {}

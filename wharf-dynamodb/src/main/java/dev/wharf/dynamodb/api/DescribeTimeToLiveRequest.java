package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The input of DescribeTimeToLive. */
public record DescribeTimeToLiveRequest(@Nullable String tableName) {}

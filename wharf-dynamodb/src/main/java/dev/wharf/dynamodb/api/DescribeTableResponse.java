package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The output of DescribeTable. */
public record DescribeTableResponse(@Nullable TableDescription table) {}

package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The input of UpdateTimeToLive. */
public record UpdateTimeToLiveRequest(
        @Nullable String tableName, @Nullable TimeToLiveSpecification timeToLiveSpecification) {}

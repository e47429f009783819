package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** The output of UpdateTimeToLive. */
public record UpdateTimeToLiveResponse(@Nullable TimeToLiveSpecification timeToLiveSpecification) {}

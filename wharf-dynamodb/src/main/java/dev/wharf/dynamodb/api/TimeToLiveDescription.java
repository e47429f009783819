package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's TimeToLiveDescription shape, as the model names its members. */
public record TimeToLiveDescription(
        @Nullable String timeToLiveStatus, @Nullable String attributeName) {}

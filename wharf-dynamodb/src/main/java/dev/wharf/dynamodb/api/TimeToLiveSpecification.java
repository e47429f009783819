package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's TimeToLiveSpecification shape, as the model names its members. */
public record TimeToLiveSpecification(
        @Nullable Boolean enabled, @Nullable String attributeName) {}

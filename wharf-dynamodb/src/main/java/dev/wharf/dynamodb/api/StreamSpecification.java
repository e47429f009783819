package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's StreamSpecification shape, as the model names its members. */
public record StreamSpecification(
        @Nullable Boolean streamEnabled, @Nullable String streamViewType) {}

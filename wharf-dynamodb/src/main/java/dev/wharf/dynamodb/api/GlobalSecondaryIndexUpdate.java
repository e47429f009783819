package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's GlobalSecondaryIndexUpdate shape, as the model names its members. */
public record GlobalSecondaryIndexUpdate(
        @Nullable UpdateGlobalSecondaryIndexAction update,
        @Nullable CreateGlobalSecondaryIndexAction create,
        @Nullable DeleteGlobalSecondaryIndexAction delete) {}

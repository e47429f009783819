package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's WriteRequest shape, as the model names its members. */
public record WriteRequest(
        @Nullable PutRequest putRequest, @Nullable DeleteRequest deleteRequest) {}

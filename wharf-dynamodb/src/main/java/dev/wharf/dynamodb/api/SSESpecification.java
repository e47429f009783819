package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's SSESpecification shape, as the model names its members. */
public record SSESpecification(
        @Nullable Boolean enabled,
        @Nullable String sSEType,
        @Nullable String kMSMasterKeyId) {}

package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's DeleteReplicationGroupMemberAction shape, as the model names its members. */
public record DeleteReplicationGroupMemberAction(@Nullable String regionName) {}

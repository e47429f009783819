package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ReplicationGroupUpdate shape, as the model names its members. */
public record ReplicationGroupUpdate(
        @Nullable CreateReplicationGroupMemberAction create,
        @Nullable UpdateReplicationGroupMemberAction update,
        @Nullable DeleteReplicationGroupMemberAction delete) {}

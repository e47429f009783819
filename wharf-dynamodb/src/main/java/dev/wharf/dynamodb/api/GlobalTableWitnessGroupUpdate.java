package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's GlobalTableWitnessGroupUpdate shape, as the model names its members. */
public record GlobalTableWitnessGroupUpdate(
        @Nullable CreateGlobalTableWitnessGroupMemberAction create,
        @Nullable DeleteGlobalTableWitnessGroupMemberAction delete) {}

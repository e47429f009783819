package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's CreateGlobalTableWitnessGroupMemberAction shape, as the model names its members. */
public record CreateGlobalTableWitnessGroupMemberAction(
        @Nullable String regionName) {}

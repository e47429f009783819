package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's DeleteGlobalTableWitnessGroupMemberAction shape, as the model names its members. */
public record DeleteGlobalTableWitnessGroupMemberAction(
        @Nullable String regionName) {}

package dev.wharf.dynamodb.api;

import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's GlobalTableWitnessDescription shape, as the model names its members. */
public record GlobalTableWitnessDescription(
        @Nullable String regionName, @Nullable String witnessStatus) {}

package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's Projection shape, as the model names its members. */
public record Projection(
        @Nullable String projectionType, @Nullable List<String> nonKeyAttributes) {}

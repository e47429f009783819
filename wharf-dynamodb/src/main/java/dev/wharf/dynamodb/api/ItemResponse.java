package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's ItemResponse shape, as the model names its members. */
public record ItemResponse(@Nullable Map<String, AttributeValue> item) {}

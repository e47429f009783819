package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's DeleteRequest shape, as the model names its members. */
public record DeleteRequest(@Nullable Map<String, AttributeValue> key) {}

package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's PutRequest shape, as the model names its members. */
public record PutRequest(@Nullable Map<String, AttributeValue> item) {}

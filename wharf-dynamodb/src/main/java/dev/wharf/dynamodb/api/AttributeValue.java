package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's AttributeValue shape, as the model names its members. */
public record AttributeValue(
        @Nullable String s,
        @Nullable String n,
        byte @Nullable [] b,
        @Nullable List<String> sS,
        @Nullable List<String> nS,
        @Nullable List<byte[]> bS,
        @Nullable Map<String, AttributeValue> m,
        @Nullable List<AttributeValue> l,
        @Nullable Boolean bOOL,
        @Nullable Boolean nULL) {}

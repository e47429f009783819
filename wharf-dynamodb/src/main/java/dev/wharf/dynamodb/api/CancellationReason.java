package dev.wharf.dynamodb.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Why one action of a cancelled transaction failed, in TransactionCanceledException's CancellationReasons: {@code
 * None} for an action that did not, {@code ConditionalCheckFailed}, {@code ValidationError}, with the item when the
 * action asked for it ({@code ReturnValuesOnConditionCheckFailure: ALL_OLD}).
 */
public record CancellationReason(
        @Nullable Map<String, AttributeValue> item,
        String code,
        @Nullable String message) {}

package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.engine.value.Item;
import org.jspecify.annotations.Nullable;

/** What a write asks of its item as the store holds it: a ConditionExpression, or the legacy Expected. */
@FunctionalInterface
interface ItemCondition {

    /** The condition of a write that has none. */
    ItemCondition NONE = item -> true;

    /** Whether the item (null when there is none) meets the condition. */
    boolean test(@Nullable Item item);
}

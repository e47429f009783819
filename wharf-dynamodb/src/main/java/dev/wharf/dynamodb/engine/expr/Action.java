package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.engine.value.Value;

/** One action of an update: an UpdateExpression's SET, REMOVE, ADD or DELETE, or a legacy AttributeUpdates entry. */
sealed interface Action {

    DocumentPath path();

    /** {@code SET path = value}, or a legacy PUT. */
    record Set(DocumentPath path, Operand value) implements Action {}

    /** {@code REMOVE path}, or a legacy DELETE without a value. */
    record Remove(DocumentPath path) implements Action {}

    /**
     * {@code ADD path :value}: to a number, or the elements of a set; a legacy ADD may also append a list. {@code
     * legacy} picks DynamoDB's message for a type mismatch.
     */
    record Add(DocumentPath path, Value value, boolean legacy) implements Action {}

    /** {@code DELETE path :set}: the set's elements taken out of the attribute's set. */
    record Delete(DocumentPath path, Value value, boolean legacy) implements Action {}
}

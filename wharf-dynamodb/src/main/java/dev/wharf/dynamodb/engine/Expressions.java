package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.ExpectedAttributeValue;
import dev.wharf.dynamodb.engine.value.Item;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The seam between the item operations and the expression language: conditions, projections, updates, filters and
 * key conditions, each from its expression or its legacy form.
 */
final class Expressions {

    private Expressions() {}

    /** A write's condition, from its ConditionExpression or its Expected and ConditionalOperator. */
    static ItemCondition condition(
            @Nullable String expression,
            @Nullable Map<String, ExpectedAttributeValue> expected,
            @Nullable String conditionalOperator,
            @Nullable Map<String, String> names,
            @Nullable Map<String, AttributeValue> values) {
        if (expression == null && expected == null) {
            checkNoExpressionAttributes(names, values);
            return ItemCondition.NONE;
        }
        throw DynamoDbError.Validation.with("Wharf does not support conditions yet");
    }

    /** A read's projection, from its ProjectionExpression or its AttributesToGet. */
    static UnaryOperator<Item> projection(
            @Nullable String expression, @Nullable List<String> attributesToGet, @Nullable Map<String, String> names) {
        if (expression == null && attributesToGet == null) {
            checkNoExpressionAttributes(names, null);
            return UnaryOperator.identity();
        }
        throw DynamoDbError.Validation.with("Wharf does not support projections yet");
    }

    private static void checkNoExpressionAttributes(
            @Nullable Map<String, String> names, @Nullable Map<String, AttributeValue> values) {
        if (names != null) {
            throw DynamoDbError.Validation.with(
                    "ExpressionAttributeNames can only be specified when using expressions");
        }
        if (values != null) {
            throw DynamoDbError.Validation.with(
                    "ExpressionAttributeValues can only be specified when using expressions");
        }
    }
}

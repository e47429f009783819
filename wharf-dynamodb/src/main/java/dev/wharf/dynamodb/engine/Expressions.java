package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.ExpectedAttributeValue;
import dev.wharf.dynamodb.engine.expr.Condition;
import dev.wharf.dynamodb.engine.expr.ExpressionContext;
import dev.wharf.dynamodb.engine.expr.ExpressionParameters;
import dev.wharf.dynamodb.engine.expr.Legacy;
import dev.wharf.dynamodb.engine.expr.Projection;
import dev.wharf.dynamodb.engine.value.Item;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the item operations read their expressions and legacy parameters, each in DynamoDB's order of checks, with the
 * expression package's parsers: the request's parameters checked together, its placeholders checked used.
 */
final class Expressions {

    private Expressions() {}

    /**
     * A PutItem's or DeleteItem's condition, from its ConditionExpression or its Expected and ConditionalOperator;
     * {@link Condition#ALWAYS} for a write that has none.
     */
    static Condition writeCondition(
            @Nullable String expression,
            @Nullable Map<String, ExpectedAttributeValue> expected,
            @Nullable String conditionalOperator,
            @Nullable Map<String, String> names,
            @Nullable Map<String, AttributeValue> values) {
        ExpressionParameters.of()
                .expression("ConditionExpression", expression)
                .nonExpression("Expected", expected)
                .check(names, values);
        ExpressionContext context = ExpressionContext.of(names, values);
        Condition condition = condition(context, expression, expected, conditionalOperator);
        context.checkAllUsed();
        return condition;
    }

    /** A condition parsed in a context the caller checks: the expression, the legacy Expected, or none. */
    static Condition condition(
            ExpressionContext context,
            @Nullable String expression,
            @Nullable Map<String, ExpectedAttributeValue> expected,
            @Nullable String conditionalOperator) {
        if (expression != null) {
            return Condition.parse(context, "ConditionExpression", expression);
        }
        return expected != null ? Legacy.expected(expected, conditionalOperator) : Condition.ALWAYS;
    }

    /** A GetItem's or TransactGetItems' projection, or null for the whole item. */
    static @Nullable Projection readProjection(
            @Nullable String expression, @Nullable List<String> attributesToGet, @Nullable Map<String, String> names) {
        ExpressionParameters.of()
                .expression("ProjectionExpression", expression)
                .nonExpression("AttributesToGet", attributesToGet)
                .check(names, null);
        ExpressionContext context = ExpressionContext.of(names, null);
        Projection projection = projection(context, expression, attributesToGet);
        context.checkAllUsed();
        return projection;
    }

    /** A projection parsed in a context the caller checks, or null for none. */
    static @Nullable Projection projection(
            ExpressionContext context, @Nullable String expression, @Nullable List<String> attributesToGet) {
        if (expression != null) {
            return Projection.parse(context, expression);
        }
        return attributesToGet == null ? null : Legacy.attributesToGet(attributesToGet);
    }

    /** Whether an item, absent being null, meets a condition. */
    static boolean passes(Condition condition, @Nullable Item item) {
        return condition.test(item == null ? Item.EMPTY : item);
    }

    /** The item as a projection shows it; itself for none. */
    static Item project(@Nullable Projection projection, Item item) {
        return projection == null ? item : projection.project(item);
    }
}

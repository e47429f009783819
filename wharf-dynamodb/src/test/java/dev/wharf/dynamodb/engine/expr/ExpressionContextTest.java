package dev.wharf.dynamodb.engine.expr;

import static dev.wharf.dynamodb.engine.expr.Fixtures.names;
import static dev.wharf.dynamodb.engine.expr.Fixtures.validation;
import static dev.wharf.dynamodb.engine.expr.Fixtures.values;
import static dev.wharf.dynamodb.engine.value.ApiValues.b;
import static dev.wharf.dynamodb.engine.value.ApiValues.bs;
import static dev.wharf.dynamodb.engine.value.ApiValues.n;
import static dev.wharf.dynamodb.engine.value.ApiValues.ns;
import static dev.wharf.dynamodb.engine.value.ApiValues.nul;
import static dev.wharf.dynamodb.engine.value.ApiValues.s;
import static dev.wharf.dynamodb.engine.value.ApiValues.ss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.api.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ExpressionAttributeNames and ExpressionAttributeValues: their checks, and the check that each was used. */
class ExpressionContextTest {

    @Test
    void placeholderMapsAreCheckedAsDynamoDbChecksThem() {
        assertThat(validation(() -> ExpressionContext.of(Map.of(), null)))
                .isEqualTo("ExpressionAttributeNames must not be empty");
        assertThat(validation(() -> ExpressionContext.of(null, Map.of())))
                .isEqualTo("ExpressionAttributeValues must not be empty");
        assertThat(validation(() -> ExpressionContext.of(names("a", "a"), null)))
                .isEqualTo("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
        assertThat(validation(() -> ExpressionContext.of(names("#", "a"), null)))
                .isEqualTo("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"");
        assertThat(validation(() -> ExpressionContext.of(names("#a-b", "a"), null)))
                .isEqualTo("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
        assertThat(validation(() -> ExpressionContext.of(null, values("b", s("x")))))
                .isEqualTo("ExpressionAttributeValues contains invalid key: Syntax error; key: \"b\"");
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThat(invalid(nul(false)))
                .isEqualTo("ExpressionAttributeValues contains invalid value: One or more parameter values were "
                        + "invalid: Null attribute value types must have the value of true for key :b");
        assertThat(invalid(ss()))
                .isEqualTo("ExpressionAttributeValues contains invalid value: One or more parameter values were "
                        + "invalid: An string set  may not be empty for key :b");
        assertThat(invalid(ns("1", "1")))
                .isEqualTo("ExpressionAttributeValues contains invalid value: Input "
                        + "collection contains duplicates for key :b");
        assertThat(invalid(bs("b", "b")))
                .isEqualTo("ExpressionAttributeValues contains invalid value: One or more parameter values were "
                        + "invalid: Input collection [Yg==, Yg==]of type BS contains duplicates. for key :b");
        assertThat(invalid(n("x")))
                .isEqualTo("ExpressionAttributeValues contains invalid value: The parameter cannot "
                        + "be converted to a numeric value: x for key :b");
        assertThat(invalid(new AttributeValue(null, null, null, null, null, null, null, null, null, null)))
                .isEqualTo("ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must "
                        + "contain exactly one of the supported datatypes for key :b");
    }

    private static String invalid(AttributeValue value) {
        return validation(() -> ExpressionContext.of(null, values(":a", b("a"), ":b", value)));
    }

    @Test
    void everyPlaceholderMustBeUsed() {
        ExpressionContext context =
                ExpressionContext.of(names("#a", "a", "#b", "b", "#c", "c"), values(":a", s("a"), ":b", s("b")));
        Condition.parse(context, "ConditionExpression", "#b = :b");
        assertThat(validation(context::checkAllUsed))
                .isEqualTo("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #c}");
        ExpressionContext values = ExpressionContext.of(null, values(":a", s("a"), ":b", s("b"), ":c", s("c")));
        Condition.parse(values, "ConditionExpression", "a = :b");
        assertThat(validation(values::checkAllUsed))
                .isEqualTo("Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :c}");
        ExpressionContext all = ExpressionContext.of(names("#a", "a"), values(":a", s("a")));
        Condition.parse(all, "ConditionExpression", "#a = :a");
        all.checkAllUsed();
        ExpressionContext.empty().checkAllUsed();
    }

    @Test
    void expressionAndLegacyParametersDoNotMix() {
        assertThat(validation(() -> ExpressionParameters.of()
                        .expression("ConditionExpression", "a = :a")
                        .nonExpression("Expected", Map.of())
                        .check(null, Map.of())))
                .isEqualTo("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
        assertThat(validation(() -> ExpressionParameters.of()
                        .expression("UpdateExpression", "SET a = :a")
                        .expression("ConditionExpression", null)
                        .nonExpression("AttributeUpdates", Map.of())
                        .nonExpression("Expected", Map.of())
                        .check(null, null)))
                .isEqualTo("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: "
                        + "{UpdateExpression}");
        assertThat(validation(() -> ExpressionParameters.of()
                        .expression("ProjectionExpression", "a")
                        .expression("FilterExpression", "b = :b")
                        .nonExpression("AttributesToGet", java.util.List.of())
                        .check(null, null)))
                .endsWith("Non-expression parameters: {AttributesToGet} Expression parameters: "
                        + "{ProjectionExpression, FilterExpression}");
    }

    @Test
    void queriesMayPairKeyConditionsWithAFilterExpression() {
        ExpressionParameters.of()
                .expression("FilterExpression", "b = :b")
                .expression("KeyConditionExpression", null)
                .nonExpression("KeyConditions", Map.of())
                .check(null, Map.of());
        assertThat(validation(() -> ExpressionParameters.of()
                        .expression("KeyConditionExpression", "a = :a")
                        .nonExpression("KeyConditions", Map.of())
                        .check(null, Map.of())))
                .endsWith("Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}");
    }

    @Test
    void placeholdersNeedAnExpressionThatUsesThem() {
        assertThat(validation(() -> ExpressionParameters.of()
                        .expression("ConditionExpression", null)
                        .nonExpression("Expected", null)
                        .check(Map.of(), null)))
                .isEqualTo("ExpressionAttributeNames can only be specified when using expressions");
        assertThat(validation(() -> ExpressionParameters.of()
                        .expression("ConditionExpression", null)
                        .check(null, Map.of())))
                .isEqualTo("ExpressionAttributeValues can only be specified when using expressions: "
                        + "ConditionExpression is null");
        assertThat(validation(() -> ExpressionParameters.of()
                        .expression("ProjectionExpression", "a")
                        .expression("FilterExpression", null)
                        .expression("KeyConditionExpression", null)
                        .check(Map.of(), Map.of())))
                .isEqualTo("ExpressionAttributeValues can only be specified when using expressions: "
                        + "FilterExpression and KeyConditionExpression are null");
        ExpressionParameters.of().expression("ProjectionExpression", "#a").check(Map.of(), null);
    }
}

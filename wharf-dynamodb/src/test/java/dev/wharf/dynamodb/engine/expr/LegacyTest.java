package dev.wharf.dynamodb.engine.expr;

import static dev.wharf.dynamodb.engine.expr.Fixtures.item;
import static dev.wharf.dynamodb.engine.expr.Fixtures.validation;
import static dev.wharf.dynamodb.engine.value.ApiValues.b;
import static dev.wharf.dynamodb.engine.value.ApiValues.l;
import static dev.wharf.dynamodb.engine.value.ApiValues.n;
import static dev.wharf.dynamodb.engine.value.ApiValues.ns;
import static dev.wharf.dynamodb.engine.value.ApiValues.s;
import static dev.wharf.dynamodb.engine.value.ApiValues.ss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.AttributeValueUpdate;
import dev.wharf.dynamodb.api.ExpectedAttributeValue;
import dev.wharf.dynamodb.engine.expr.SortKeyCondition.Operator;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The legacy parameters, as the KCL and older clients send them, on the expression evaluators. */
class LegacyTest {

    static final Item LEASE = item(
            "leaseKey", s("shard-1"),
            "leaseOwner", s("worker-a"),
            "leaseCounter", n("7"),
            "checkpoint", s("TRIM_HORIZON"),
            "parents", ss("shard-0"),
            "nums", ns("1", "2"),
            "list", l(s("x"), n("3")),
            "blob", b("abc"));

    static ExpectedAttributeValue value(AttributeValue value) {
        return new ExpectedAttributeValue(value, null, null, null);
    }

    static ExpectedAttributeValue exists(boolean exists) {
        return new ExpectedAttributeValue(null, exists, null, null);
    }

    static ExpectedAttributeValue operator(String operator, AttributeValue... values) {
        return new ExpectedAttributeValue(null, null, operator, List.of(values));
    }

    static dev.wharf.dynamodb.api.Condition condition(String operator, AttributeValue... values) {
        return new dev.wharf.dynamodb.api.Condition(List.of(values), operator);
    }

    static Map<String, ExpectedAttributeValue> expected(Object... pairs) {
        Map<String, ExpectedAttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (ExpectedAttributeValue) pairs[i + 1]);
        }
        return map;
    }

    @Test
    void theKclsExpectationsOfALease() {
        // The KCL takes a lease only if it still has the counter and owner it read, and creates one only if absent.
        Condition take =
                Legacy.expected(expected("leaseCounter", value(n("7")), "leaseOwner", value(s("worker-a"))), null);
        assertThat(take.test(LEASE)).isTrue();
        assertThat(take.test(LEASE.with("leaseCounter", AttributeValues.fromApi(n("8")))))
                .isFalse();
        Condition create = Legacy.expected(expected("leaseKey", exists(false)), null);
        assertThat(create.test(Item.EMPTY)).isTrue();
        assertThat(create.test(LEASE)).isFalse();
        assertThat(Legacy.expected(
                                expected("leaseKey", new ExpectedAttributeValue(s("shard-1"), true, null, null)), null)
                        .test(LEASE))
                .isTrue();
    }

    @Test
    void conditionalOperatorCombinesWithAndOrOr() {
        Map<String, ExpectedAttributeValue> either =
                expected("leaseOwner", value(s("worker-b")), "leaseCounter", value(n("7")));
        assertThat(Legacy.expected(either, "OR").test(LEASE)).isTrue();
        assertThat(Legacy.expected(either, "AND").test(LEASE)).isFalse();
        assertThat(Legacy.expected(either, null).test(LEASE)).isFalse();
        assertThat(Legacy.expected(Map.of(), null).test(LEASE)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "leaseCounter | EQ | 7 | true",
                "leaseCounter | NE | 7 | false",
                "absent | NE | 7 | true",
                "leaseCounter | LT | 8 | true",
                "leaseCounter | LE | 7 | true",
                "leaseCounter | GT | 7 | false",
                "leaseCounter | GE | 7 | true",
                "nums | CONTAINS | 2 | true",
                "nums | NOT_CONTAINS | 2 | false",
                "list | CONTAINS | 3 | true",
                "absent | NOT_CONTAINS | 2 | true",
                "leaseCounter | IN | 7 | true"
            })
    void comparisonOperatorsOnNumbers(String attribute, String operator, String number, boolean holds) {
        Condition condition = Legacy.filter(Map.of(attribute, condition(operator, n(number))), null);
        assertThat(condition.test(LEASE)).isEqualTo(holds);
        Condition expected = Legacy.expected(expected(attribute, operator(operator, n(number))), null);
        assertThat(expected.test(LEASE)).isEqualTo(holds);
    }

    @Test
    void comparisonOperatorsOnStringsBinariesAndPresence() {
        assertThat(Legacy.filter(Map.of("checkpoint", condition("BEGINS_WITH", s("TRIM"))), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Legacy.filter(Map.of("checkpoint", condition("CONTAINS", s("HORI"))), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Legacy.filter(Map.of("parents", condition("CONTAINS", s("shard-0"))), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Legacy.filter(Map.of("blob", condition("BEGINS_WITH", b("ab"))), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Legacy.filter(Map.of("checkpoint", condition("BETWEEN", s("A"), s("Z"))), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Legacy.filter(Map.of("checkpoint", condition("IN", s("A"), s("TRIM_HORIZON"))), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Legacy.filter(Map.of("checkpoint", condition("NOT_NULL")), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Legacy.filter(Map.of("checkpoint", condition("NULL")), null).test(LEASE))
                .isFalse();
        assertThat(Legacy.expected(expected("checkpoint", operator("NOT_NULL")), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Legacy.expected(expected("leaseCounter", new ExpectedAttributeValue(n("7"), null, "EQ", null)), null)
                        .test(LEASE))
                .isTrue();
        assertThat(Legacy.filter(Map.of("parents", condition("EQ", ss("shard-0"))), null)
                        .test(LEASE))
                .isTrue();
    }

    @Test
    void expectedEntriesAreCheckedWithDynamoDbsMessages() {
        String invalid = "One or more parameter values were invalid: ";
        assertThat(expectedError(new ExpectedAttributeValue(s("a"), null, "EQ", List.of(s("a")))))
                .isEqualTo(invalid + "Value and AttributeValueList cannot be used together for Attribute: a");
        assertThat(expectedError(new ExpectedAttributeValue(null, true, "EQ", List.of(s("a")))))
                .isEqualTo(invalid + "Exists and ComparisonOperator cannot be used together for Attribute: a");
        assertThat(expectedError(new ExpectedAttributeValue(null, null, "EQ", null)))
                .isEqualTo(invalid + "Value or AttributeValueList must be used with ComparisonOperator: EQ for "
                        + "Attribute: a");
        assertThat(expectedError(new ExpectedAttributeValue(null, null, null, List.of(s("a")))))
                .isEqualTo(invalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
        assertThat(expectedError(new ExpectedAttributeValue(null, null, null, null)))
                .isEqualTo(invalid + "Value must be provided when Exists is null for Attribute: a");
        assertThat(expectedError(new ExpectedAttributeValue(null, true, null, null)))
                .isEqualTo(invalid + "Value must be provided when Exists is true for Attribute: a");
        assertThat(expectedError(new ExpectedAttributeValue(s("a"), false, null, null)))
                .isEqualTo(invalid + "Value cannot be used when Exists is false for Attribute: a");
        assertThat(expectedError(new ExpectedAttributeValue(ss(), null, null, null)))
                .isEqualTo(invalid + "An string set  may not be empty");
    }

    private static String expectedError(ExpectedAttributeValue value) {
        return validation(() -> Legacy.expected(expected("a", value), null));
    }

    @Test
    void conditionsAreCheckedWithDynamoDbsMessages() {
        String invalid = "One or more parameter values were invalid: ";
        assertThat(filterError(condition("EQ")))
                .isEqualTo(invalid + "Invalid number of argument(s) for the EQ " + "ComparisonOperator");
        assertThat(filterError(condition("NULL", s("a"))))
                .isEqualTo(invalid + "Invalid number of argument(s) for the " + "NULL ComparisonOperator");
        assertThat(filterError(condition("IN")))
                .isEqualTo(invalid + "Invalid number of argument(s) for the IN " + "ComparisonOperator");
        assertThat(filterError(condition("BETWEEN", s("a"))))
                .isEqualTo(invalid + "Invalid number of argument(s) for " + "the BETWEEN ComparisonOperator");
        assertThat(filterError(condition("IN", s("a"), n("1"))))
                .isEqualTo(invalid + "AttributeValues inside AttributeValueList must be of same type");
        assertThat(filterError(condition("LT", ss("a"))))
                .isEqualTo(invalid + "ComparisonOperator LT is not valid for SS AttributeValue type");
        assertThat(filterError(condition("BEGINS_WITH", n("1"))))
                .isEqualTo(invalid + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
        assertThat(filterError(condition("CONTAINS", l())))
                .isEqualTo(invalid + "ComparisonOperator CONTAINS is not valid for L AttributeValue type");
        assertThat(filterError(condition("BETWEEN", s("b"), s("a"))))
                .isEqualTo("The BETWEEN condition was provided a range where the lower bound is greater than the upper "
                        + "bound");
        assertThat(filterError(condition("LIKE", s("a")))).contains("Member must satisfy enum value set");
        assertThat(filterError(condition("EQ", n("x"))))
                .isEqualTo("The parameter cannot be converted to a numeric " + "value: x");
        assertThat(Legacy.filter(Map.of("a", new dev.wharf.dynamodb.api.Condition(null, "NOT_NULL")), null)
                        .test(item("a", s("x"))))
                .isTrue();
    }

    private static String filterError(dev.wharf.dynamodb.api.Condition condition) {
        return validation(() -> Legacy.filter(Map.of("a", condition), null));
    }

    @Test
    void keyConditionsResolveAsKeyConditionExpressionsDo() {
        KeyCondition.KeyRange range = Legacy.keyConditions(
                        Map.of("pk", condition("EQ", s("p")), "sk", condition("BEGINS_WITH", s("a"))))
                .resolve("pk", Type.S, "sk", Type.S);
        assertThat(range.sortKey()).extracting(SortKeyCondition::operator).isEqualTo(Operator.BEGINS_WITH);
        for (String operator : List.of("EQ", "LT", "LE", "GT", "GE")) {
            assertThat(Legacy.keyConditions(Map.of("pk", condition("EQ", s("p")), "sk", condition(operator, s("a"))))
                            .resolve("pk", Type.S, "sk", Type.S)
                            .sortKey())
                    .extracting(SortKeyCondition::operator)
                    .isEqualTo(Operator.valueOf(operator));
        }
        assertThat(Legacy.keyConditions(
                                Map.of("pk", condition("EQ", s("p")), "sk", condition("BETWEEN", s("a"), s("b"))))
                        .resolve("pk", Type.S, "sk", Type.S)
                        .sortKey())
                .extracting(SortKeyCondition::high)
                .isNotNull();
        assertThat(validation(() ->
                        Legacy.keyConditions(Map.of("pk", condition("NULL"))).resolve("pk", Type.S, null, null)))
                .isEqualTo("Attempted conditional constraint is not an indexable operation");
        assertThat(validation(() -> Legacy.keyConditions(Map.of())))
                .isEqualTo("Conditions can be of length 1 or 2 only");
    }

    @Test
    void theKclsAttributeUpdatesOfALease() {
        Map<String, AttributeValueUpdate> updates = new LinkedHashMap<>();
        updates.put("leaseOwner", new AttributeValueUpdate(s("worker-b"), "PUT"));
        updates.put("leaseCounter", new AttributeValueUpdate(n("1"), "ADD"));
        updates.put("checkpoint", new AttributeValueUpdate(s("LATEST"), null));
        updates.put("parents", new AttributeValueUpdate(null, "DELETE"));
        updates.put("nums", new AttributeValueUpdate(ns("1"), "DELETE"));
        updates.put("list", new AttributeValueUpdate(l(s("y")), "ADD"));
        updates.put("tags", new AttributeValueUpdate(ss("t"), "ADD"));
        Item item = Legacy.attributeUpdates(updates).apply(LEASE).item();
        assertThat(item.get("leaseOwner")).isEqualTo(AttributeValues.fromApi(s("worker-b")));
        assertThat(item.get("leaseCounter")).isEqualTo(AttributeValues.fromApi(n("8")));
        assertThat(item.get("checkpoint")).isEqualTo(AttributeValues.fromApi(s("LATEST")));
        assertThat(item.has("parents")).isFalse();
        assertThat(item.get("nums")).isEqualTo(AttributeValues.fromApi(ns("2")));
        assertThat(item.get("list")).isEqualTo(AttributeValues.fromApi(l(s("x"), n("3"), s("y"))));
        assertThat(item.get("tags")).isEqualTo(AttributeValues.fromApi(ss("t")));
    }

    @Test
    void attributeUpdatesAreCheckedWithDynamoDbsMessages() {
        String invalid = "One or more parameter values were invalid: ";
        assertThat(updateError(null, "PUT"))
                .isEqualTo(invalid + "Only DELETE action is allowed when no attribute value is specified");
        assertThat(updateError(null, null))
                .isEqualTo(invalid + "Only DELETE action is allowed when no attribute value is specified");
        assertThat(updateError(s("a"), "DELETE"))
                .isEqualTo(invalid + "DELETE action with value is not supported for the type S");
        assertThat(updateError(s("a"), "ADD")).isEqualTo(invalid + "ADD action is not supported for the type S");
        String mismatch = "Type mismatch for attribute to update";
        assertThat(validation(
                        () -> Legacy.attributeUpdates(Map.of("leaseOwner", new AttributeValueUpdate(n("1"), "ADD")))
                                .apply(LEASE)))
                .isEqualTo(mismatch);
        assertThat(validation(
                        () -> Legacy.attributeUpdates(Map.of("parents", new AttributeValueUpdate(ns("1"), "DELETE")))
                                .apply(LEASE)))
                .isEqualTo(mismatch);
        assertThat(validation(() -> Legacy.attributeUpdates(Map.of("leaseKey", new AttributeValueUpdate(s("x"), "PUT")))
                        .checkKeys(List.of("leaseKey"))))
                .isEqualTo(invalid + "Cannot update attribute leaseKey. This attribute is part of the key");
    }

    private static String updateError(@Nullable AttributeValue value, @Nullable String action) {
        return validation(() -> Legacy.attributeUpdates(Map.of("a", new AttributeValueUpdate(value, action))));
    }

    @Test
    void attributesToGetProjectTopLevelAttributes() {
        Projection projection = Legacy.attributesToGet(List.of("leaseKey", "checkpoint", "absent"));
        assertThat(projection.project(LEASE))
                .isEqualTo(item("leaseKey", s("shard-1"), "checkpoint", s("TRIM_HORIZON")));
        assertThat(validation(() -> Legacy.attributesToGet(List.of("a", "b", "a"))))
                .isEqualTo("One or more parameter values were invalid: Duplicate value in attribute name: a");
    }
}

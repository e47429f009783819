package dev.wharf.dynamodb.engine.expr;

import static dev.wharf.dynamodb.engine.expr.Fixtures.names;
import static dev.wharf.dynamodb.engine.expr.Fixtures.validation;
import static dev.wharf.dynamodb.engine.expr.Fixtures.values;
import static dev.wharf.dynamodb.engine.value.ApiValues.b;
import static dev.wharf.dynamodb.engine.value.ApiValues.n;
import static dev.wharf.dynamodb.engine.value.ApiValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.engine.expr.SortKeyCondition.Operator;
import dev.wharf.dynamodb.engine.value.KeyBytes;
import dev.wharf.dynamodb.engine.value.Type;
import dev.wharf.dynamodb.engine.value.Value;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Key condition expressions: the partition key and sort key range they give, and DynamoDB's errors. */
class KeyConditionTest {

    static final Map<String, AttributeValue> VALUES =
            values(":pk", s("p"), ":t", s("S"), ":a", s("a"), ":c", s("c"), ":n", n("1"), ":n9", n("9"), ":b", b("b"));

    static KeyCondition parse(String expression) {
        return KeyCondition.parse(ExpressionContext.of(names("#pk", "pk", "#sk", "sk"), VALUES), expression);
    }

    static KeyCondition.KeyRange resolve(String expression) {
        return parse(expression).resolve("pk", Type.S, "sk", Type.S);
    }

    static String error(String expression) {
        return validation(() -> resolve(expression));
    }

    @Test
    void theHashKeyAloneReadsAWholePartition() {
        KeyCondition.KeyRange range = resolve("pk = :pk");
        assertThat(range.partitionKey()).isEqualTo(new Value.S("p"));
        assertThat(range.sortKey()).isNull();
        assertThat(parse(":pk = #pk").resolve("pk", Type.S, null, null).partitionKey())
                .isEqualTo(new Value.S("p"));
        assertThat(parse("#pk = :pk AND #sk > :a").attributes()).containsExactly("pk", "sk");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "pk = :pk AND sk = :a | EQ",
                "pk = :pk AND sk < :a | LT",
                "pk = :pk AND sk <= :a | LE",
                "pk = :pk AND sk > :a | GT",
                "pk = :pk AND sk >= :a | GE",
                "pk = :pk AND :a > sk | LT",
                "pk = :pk AND :a <= sk | GE",
                "sk BETWEEN :a AND :c AND pk = :pk | BETWEEN",
                "pk = :pk AND begins_with(sk, :a) | BEGINS_WITH",
                "(pk = :pk) AND (sk = :a) | EQ"
            })
    void theSortKeyTakesOneOfSevenOperators(String expression, Operator operator) {
        KeyCondition.KeyRange range = resolve(expression);
        assertThat(range.partitionKey()).isEqualTo(new Value.S("p"));
        assertThat(range.sortKey()).extracting(SortKeyCondition::operator).isEqualTo(operator);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "EQ | b | true",
                "EQ | a | false",
                "LT | a | true",
                "LT | b | false",
                "LE | b | true",
                "LE | c | false",
                "GT | c | true",
                "GT | b | false",
                "GE | b | true",
                "GE | a | false",
                "BEGINS_WITH | ba | true",
                "BEGINS_WITH | ab | false"
            })
    void sortKeyConditionsMatchAndBoundTheirRange(Operator operator, String key, boolean matches) {
        SortKeyCondition condition = new SortKeyCondition(operator, new Value.S("b"), null);
        Value value = new Value.S(key);
        assertThat(condition.matches(value)).isEqualTo(matches);
        byte[] bytes = KeyBytes.sortKey(value);
        byte[] start = condition.startInclusive();
        byte[] end = condition.endExclusive();
        boolean inRange = (start == null || Arrays.compareUnsigned(bytes, start) >= 0)
                && (end == null || Arrays.compareUnsigned(bytes, end) < 0);
        assertThat(inRange).isEqualTo(matches);
    }

    @Test
    void betweenAndPrefixesBoundTheirRanges() {
        SortKeyCondition between = new SortKeyCondition(Operator.BETWEEN, Value.N.of(1), Value.N.of(9));
        assertThat(between.matches(Value.N.of(9))).isTrue();
        assertThat(between.matches(Value.N.of("9.5"))).isFalse();
        assertThat(between.matches(new Value.S("5"))).isFalse();
        assertThat(Arrays.compareUnsigned(KeyBytes.sortKey(Value.N.of(9)), between.endExclusive()))
                .isNegative();
        SortKeyCondition binary =
                new SortKeyCondition(Operator.BEGINS_WITH, Value.B.of(new byte[] {1, (byte) 0xFF}), null);
        assertThat(binary.endExclusive()).containsExactly(2);
        assertThat(binary.matches(Value.B.of(new byte[] {1, (byte) 0xFF, 0}))).isTrue();
        assertThat(binary.matches(new Value.S("x"))).isFalse();
        assertThat(new SortKeyCondition(Operator.BEGINS_WITH, Value.B.of(new byte[] {(byte) 0xFF}), null)
                        .endExclusive())
                .isNull();
    }

    @Test
    void theConditionMustFitTheKeySchema() {
        assertThat(error("sk = :a")).isEqualTo("Query condition missed key schema element: pk");
        assertThat(error("pk = :pk AND extra = :a")).isEqualTo("Query condition missed key schema element: sk");
        assertThat(error("pk > :pk")).isEqualTo("Query key condition not supported");
        assertThat(error("pk = :n"))
                .isEqualTo("One or more parameter values were invalid: Condition parameter type does not match schema "
                        + "type");
        assertThat(error("pk = :pk AND sk = :n"))
                .isEqualTo("One or more parameter values were invalid: Condition parameter type does not match schema "
                        + "type");
        assertThat(validation(() -> parse("pk = :pk AND sk = :a").resolve("pk", Type.S, null, null)))
                .isEqualTo("Query key condition not supported");
        assertThat(validation(() -> parse("pk = :pk AND begins_with(sk, :a)").resolve("pk", Type.S, "sk", Type.N)))
                .isEqualTo("One or more parameter values were invalid: Condition parameter type does not match schema "
                        + "type");
    }

    @Test
    void onlyKeyConditionsAreAllowed() {
        String invalid = "Invalid operator used in KeyConditionExpression: ";
        assertThat(error("pk = :pk OR sk = :a")).isEqualTo(invalid + "OR");
        assertThat(error("NOT pk = :pk")).isEqualTo(invalid + "NOT");
        assertThat(error("pk IN (:pk)")).isEqualTo(invalid + "IN");
        assertThat(error("pk <> :pk")).isEqualTo(invalid + "<>");
        assertThat(error("attribute_exists(pk)")).isEqualTo(invalid + "attribute_exists");
        assertThat(error("attribute_not_exists(pk)")).isEqualTo(invalid + "attribute_not_exists");
        assertThat(error("attribute_type(pk, :t)")).isEqualTo(invalid + "attribute_type");
        assertThat(error("contains(pk, :a)")).isEqualTo(invalid + "contains");
        assertThat(error("pk = :pk AND size(sk) > :n"))
                .isEqualTo("KeyConditionExpressions cannot contain nested " + "operations");
        assertThat(error(":a BETWEEN sk AND :c"))
                .isEqualTo("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute "
                        + "as its first operand");
        assertThat(error("begins_with(:a, sk)"))
                .isEqualTo("Invalid condition in KeyConditionExpression: begins_with operator must have the key "
                        + "attribute as its first operand");
        assertThat(error("pk = sk"))
                .isEqualTo("Invalid condition in KeyConditionExpression: Multiple attribute names "
                        + "used in one condition");
        assertThat(error("pk.x = :a")).isEqualTo("KeyConditionExpressions cannot have conditions on nested attributes");
        assertThat(error(":a = :c AND pk = :pk"))
                .isEqualTo("Invalid condition in KeyConditionExpression: No key attribute specified");
        assertThat(error("pk = :pk AND pk = :a"))
                .isEqualTo("KeyConditionExpressions must only contain one condition " + "per key");
        assertThat(error("pk = :pk AND sk = :a AND x = :c")).isEqualTo("Conditions can be of length 1 or 2 only");
    }

    @Test
    void parseErrorsComeFirstAndArePrefixed() {
        assertThat(error("")).isEqualTo("Invalid KeyConditionExpression: The expression can not be empty;");
        assertThat(error("pk BETWEEN :c AND :a"))
                .isEqualTo("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater "
                        + "than or equal to lower bound; lower bound operand: AttributeValue: {S:c}, upper bound "
                        + "operand: AttributeValue: {S:a}");
        assertThat(error("pk = :pk AND begins_with(sk, :n)"))
                .isEqualTo("Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                        + "operator or function: begins_with, operand type: N");
        assertThat(error("pk = :pk AND"))
                .isEqualTo("Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    }
}

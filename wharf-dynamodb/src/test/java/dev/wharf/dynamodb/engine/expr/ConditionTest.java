package dev.wharf.dynamodb.engine.expr;

import static dev.wharf.dynamodb.engine.expr.Fixtures.item;
import static dev.wharf.dynamodb.engine.expr.Fixtures.names;
import static dev.wharf.dynamodb.engine.expr.Fixtures.values;
import static dev.wharf.dynamodb.engine.value.ApiValues.b;
import static dev.wharf.dynamodb.engine.value.ApiValues.bool;
import static dev.wharf.dynamodb.engine.value.ApiValues.bs;
import static dev.wharf.dynamodb.engine.value.ApiValues.l;
import static dev.wharf.dynamodb.engine.value.ApiValues.m;
import static dev.wharf.dynamodb.engine.value.ApiValues.n;
import static dev.wharf.dynamodb.engine.value.ApiValues.ns;
import static dev.wharf.dynamodb.engine.value.ApiValues.nul;
import static dev.wharf.dynamodb.engine.value.ApiValues.s;
import static dev.wharf.dynamodb.engine.value.ApiValues.ss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.engine.value.Item;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Condition and filter expressions: the grammar, its precedence, and every comparator and function over items. */
class ConditionTest {

    /** An item with one attribute of each type, and a map and list inside each other. */
    static final Item ITEM = item(
            "s", s("hello"),
            "n", n("10"),
            "b", b("abc"),
            "t", bool(true),
            "z", nul(true),
            "ss", ss("x", "y"),
            "ns", ns("1", "2"),
            "bs", bs("p", "q"),
            "l", l(s("a"), n("1"), m(Map.of("k", s("v")))),
            "m", m(Map.of("nested", m(Map.of("deep", n("5"))), "nums", l(n("7"), n("8")))),
            "status", s("active"));

    static final Map<String, dev.wharf.dynamodb.api.AttributeValue> VALUES = values(
            ":s", s("hello"),
            ":he", s("he"),
            ":ll", s("ll"),
            ":n", n("10"),
            ":n5", n("5"),
            ":n20", n("20"),
            ":ten", n("10.0"),
            ":b", b("abc"),
            ":ab", b("ab"),
            ":bc", b("bc"),
            ":x", s("x"),
            ":one", n("1"),
            ":p", b("p"),
            ":ssyx", ss("y", "x"),
            ":true", bool(true),
            ":null", nul(true),
            ":a", s("a"),
            ":S", s("S"),
            ":N", s("N"),
            ":M", s("M"),
            ":L", s("L"),
            ":SS", s("SS"),
            ":NULL", s("NULL"),
            ":BOOL", s("BOOL"),
            ":active", s("active"),
            ":listk", m(Map.of("k", s("v"))),
            ":seven", n("7"),
            ":two", n("2"));

    static boolean test(String expression) {
        return test(expression, ITEM);
    }

    static boolean test(String expression, Item item) {
        ExpressionContext context = ExpressionContext.of(names("#st", "status", "#i", "nested"), VALUES);
        return Condition.parse(context, "ConditionExpression", expression).test(item);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "s = :s | true",
                "s <> :s | false",
                "n = :ten | true",
                "n = :s | false",
                "n <> :s | true",
                "absent <> :s | true",
                "absent = :s | false",
                "n < :n20 | true",
                "n <= :n | true",
                "n > :n5 | true",
                "n >= :n20 | false",
                "s > :he | true",
                "s < :he | false",
                "b > :ab | true",
                "n < :s | false",
                "t > :true | false",
                ":n5 < n | true",
                "n BETWEEN :n5 AND :n20 | true",
                "n between :n AND :n | true",
                "n BETWEEN :n20 AND :n20 | false",
                "s BETWEEN :n5 AND :n20 | false",
                "absent BETWEEN :n5 AND :n20 | false",
                "n IN (:n5, :ten) | true",
                "n in (:n5) | false",
                "absent IN (:n5) | false",
                "ss = :ssyx | true",
                "m.nested.deep = :n5 | true",
                "m.#i.deep = :n5 | true",
                "m.nums[1] > :seven | true",
                "m.nums[2] = :seven | false",
                "l[2].k = :s | false",
                "l[2] = :listk | true",
                "#st = :active | true",
                "(s) = :s | true",
                "s.x = :s | false",
                "n[0] = :n | false"
            })
    void comparatorsHoldAsDynamoDbDocuments(String expression, boolean holds) {
        assertThat(test(expression)).as(expression).isEqualTo(holds);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "attribute_exists(s) | true",
                "attribute_exists(absent) | false",
                "attribute_exists(m.nested.deep) | true",
                "attribute_exists(m.nested.nothing) | false",
                "attribute_not_exists(absent) | true",
                "attribute_not_exists(l[5]) | true",
                "attribute_type(s, :S) | true",
                "attribute_type(n, :N) | true",
                "attribute_type(n, :S) | false",
                "attribute_type(m, :M) | true",
                "attribute_type(l, :L) | true",
                "attribute_type(ss, :SS) | true",
                "attribute_type(z, :NULL) | true",
                "attribute_type(t, :BOOL) | true",
                "attribute_type(absent, :S) | false",
                "begins_with(s, :he) | true",
                "begins_with(s, :ll) | false",
                "begins_with(b, :ab) | true",
                "begins_with(b, :bc) | false",
                "begins_with(n, :he) | false",
                "begins_with(absent, :he) | false",
                "contains(s, :ll) | true",
                "contains(s, :x) | false",
                "contains(ss, :x) | true",
                "contains(ss, :a) | false",
                "contains(ns, :one) | true",
                "contains(ns, :x) | false",
                "contains(bs, :p) | true",
                "contains(b, :bc) | true",
                "contains(l, :a) | true",
                "contains(l, :listk) | true",
                "contains(l, :x) | false",
                "contains(n, :one) | false",
                "contains(absent, :x) | false",
                "size(s) = :n5 | true",
                "size(b) > :two | true",
                "size(ss) = :two | true",
                "size(l) > :two | true",
                "size(m) = :two | true",
                "size(n) = :one | false",
                "size(absent) <> :one | true",
                ":two = size(ns) | true",
                "size(s) BETWEEN :one AND :n5 | true",
                "size(s) IN (:n5) | true"
            })
    void functionsHoldAsDynamoDbDocuments(String expression, boolean holds) {
        assertThat(test(expression)).as(expression).isEqualTo(holds);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // NOT binds tighter than AND, and AND tighter than OR.
                "attribute_exists(s) OR attribute_exists(absent) AND attribute_exists(absent) | true",
                "(attribute_exists(s) OR attribute_exists(absent)) AND attribute_exists(absent) | false",
                "NOT attribute_exists(s) OR attribute_exists(n) | true",
                "NOT (attribute_exists(s) OR attribute_exists(n)) | false",
                "not attribute_exists(absent) and s = :s | true",
                "NOT NOT attribute_exists(s) | true",
                "s = :s AND n = :n AND t = :true | true",
                "s = :x OR n = :n5 OR t = :true | true",
                "s = :x or n = :n5 | false",
                "(#st = :active) AND ((s = :x) OR (n = :n)) | true",
                "(s = :s AND (n = :n OR n = :n5)) | true",
                "NOT (s = :x) | true"
            })
    void andOrAndNotKeepDynamoDbsPrecedence(String expression, boolean holds) {
        assertThat(test(expression)).as(expression).isEqualTo(holds);
    }

    @Test
    void anAbsentItemHasNoAttributes() {
        assertThat(test("attribute_not_exists(s)", Item.EMPTY)).isTrue();
        assertThat(test("s <> :s", Item.EMPTY)).isTrue();
        assertThat(test("s = :s", Item.EMPTY)).isFalse();
        assertThat(Condition.ALWAYS.test(Item.EMPTY)).isTrue();
    }

    @Test
    void whitespaceAndCaseOfKeywordsDoNotMatter() {
        assertThat(test("  s=:s\tAnD\nn   bEtWeEn :n5 aNd :n20\r")).isTrue();
        assertThat(test("n In(:n5,:ten)")).isTrue();
    }

    @Test
    void aConditionNamesTheAttributesItReads() {
        ExpressionContext context = ExpressionContext.of(names("#st", "status"), VALUES);
        Condition condition = Condition.parse(
                context,
                "FilterExpression",
                "#st = :active AND (size(m.nums) > :one OR n BETWEEN s AND b) AND NOT attribute_exists(z) "
                        + "AND n IN (ns, :one) AND attribute_type(t, :S) AND begins_with(ss, :x) AND contains(l, :x)");
        assertThat(condition.attributes()).containsExactly("status", "m", "n", "s", "b", "z", "ns", "t", "ss", "l");
    }
}

package dev.wharf.dynamodb.engine.value;

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
import static dev.wharf.dynamodb.engine.value.ValueAssertions.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.api.AttributeValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conversion of the api's AttributeValue, with DynamoDB's checks and messages, and back. */
class AttributeValuesTest {

    @Test
    void everyTypeConvertsBothWays() {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put("z", s("last"));
        map.put("a", n("1.50"));
        List<AttributeValue> all = List.of(
                s("text"),
                s(""),
                n("-0012.50"),
                b("bin"),
                b(""),
                ss("a", "b"),
                ns("1", "2.0"),
                bs("x", "y"),
                m(map),
                m(Map.of()),
                l(s("a"), n("1"), l()),
                bool(true),
                bool(false),
                nul(true));
        for (AttributeValue value : all) {
            Value converted = AttributeValues.fromApi(value);
            assertThat(AttributeValues.fromApi(AttributeValues.toApi(converted)))
                    .isEqualTo(converted);
        }
        assertThat(AttributeValues.toApi(AttributeValues.fromApi(n("-0012.50"))).n())
                .isEqualTo("-12.5");
        assertThat(AttributeValues.toApi(AttributeValues.fromApi(ns("1", "2.0")))
                        .nS())
                .containsExactly("1", "2");
        assertThat(AttributeValues.toApi(AttributeValues.fromApi(m(map))).m()).containsOnlyKeys("z", "a");
        assertThat(AttributeValues.toApi(AttributeValues.fromApi(nul(true))).nULL())
                .isTrue();
        assertThat(AttributeValues.toApi(AttributeValues.fromApi(bool(false))).bOOL())
                .isFalse();
        assertThat(new String(
                        AttributeValues.toApi(AttributeValues.fromApi(b("bin"))).b(), StandardCharsets.UTF_8))
                .isEqualTo("bin");
        assertThat(AttributeValues.toApi(AttributeValues.fromApi(bs("x"))).bS()).hasSize(1);
        assertThat(AttributeValues.toApi(AttributeValues.fromApi(ss("q"))).sS()).containsExactly("q");
        assertThat(AttributeValues.toApi(AttributeValues.fromApi(l(s("a")))).l())
                .hasSize(1);
    }

    @Test
    void anEmptyValueIsRefused() {
        assertValidation(
                () -> AttributeValues.fromApi(
                        new AttributeValue(null, null, null, null, null, null, null, null, null, null)),
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }

    @Test
    void aValueOfTwoTypesIsRefused() {
        assertValidation(
                () -> AttributeValues.fromApi(
                        new AttributeValue("a", "1", null, null, null, null, null, null, null, null)),
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
                        + "datatypes");
    }

    @Test
    void aBadNumberIsReportedBeforeASecondType() {
        assertValidation(
                () -> AttributeValues.fromApi(
                        new AttributeValue("a", "", null, null, null, null, null, null, null, null)),
                "The parameter cannot be converted to a numeric value");
        assertValidation(
                () -> AttributeValues.fromApi(ns("1", "b")), "The parameter cannot be converted to a numeric value: b");
    }

    @Test
    void nullMustBeTrue() {
        assertValidation(
                () -> AttributeValues.fromApi(nul(false)),
                "One or more parameter values were invalid: Null attribute value types must have the value of true");
    }

    @Test
    void setsMayNotBeEmpty() {
        assertValidation(
                () -> AttributeValues.fromApi(ss()),
                "One or more parameter values were invalid: An string set  may not be empty");
        assertValidation(
                () -> AttributeValues.fromApi(ns()),
                "One or more parameter values were invalid: An number set  may not be empty");
        assertValidation(
                () -> AttributeValues.fromApi(bs()),
                "One or more parameter values were invalid: Binary sets should not be empty");
    }

    @Test
    void setsMayNotHoldDuplicates() {
        assertValidation(
                () -> AttributeValues.fromApi(ss("a", "a")),
                "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
        assertValidation(() -> AttributeValues.fromApi(ns("1", "1.0")), "Input collection contains duplicates");
        assertValidation(
                () -> AttributeValues.fromApi(bs("b", "b")),
                "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains "
                        + "duplicates.");
    }

    @Test
    void nestedValuesAreCheckedToo() {
        assertValidation(
                () -> AttributeValues.fromApi(m(Map.of("a", l(ss())))),
                "One or more parameter values were invalid: An string set  may not be empty");
    }

    @Test
    void thirtyOneLevelsOfNestingAreAcceptedAndThirtyTwoRefused() {
        AttributeValue value = s("deep");
        for (int i = 0; i < 31; i++) {
            value = i % 2 == 0 ? m(Map.of("k", value)) : l(value);
        }
        assertThat(AttributeValues.fromApi(value).type()).isEqualTo(Type.M);
        AttributeValue deeper = l(value);
        assertValidation(
                () -> AttributeValues.fromApi(deeper),
                "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond "
                        + "supported limit");
    }

    @Test
    void itemsConvertWithTheirOrder() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("b", s("1"));
        attributes.put("a", n("2"));
        Item item = AttributeValues.itemFromApi(attributes);
        assertThat(item.attributes().keySet()).containsExactly("b", "a");
        assertThat(AttributeValues.itemToApi(item)).containsOnlyKeys("b", "a");
        assertThat(item.get("a")).isEqualTo(new Value.N(BigDecimal.valueOf(2)));
    }

    @Test
    void setsEqualWhateverTheirOrder() {
        assertThat(AttributeValues.fromApi(ss("a", "b"))).isEqualTo(AttributeValues.fromApi(ss("b", "a")));
        assertThat(AttributeValues.fromApi(ns("1", "2"))).isEqualTo(AttributeValues.fromApi(ns("2.0", "1")));
        assertThat(AttributeValues.fromApi(bs("x", "y"))).isEqualTo(AttributeValues.fromApi(bs("y", "x")));
        assertThat(AttributeValues.fromApi(l(s("a"), s("b")))).isNotEqualTo(AttributeValues.fromApi(l(s("b"), s("a"))));
        assertThat(new Value.SS(new LinkedHashSet<>(List.of("b", "a"))).values())
                .containsExactly("b", "a");
    }
}

package dev.wharf.sns.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.sns.engine.filter.FieldValue.Literal;
import dev.wharf.sns.engine.filter.FieldValue.NumberValue;
import dev.wharf.sns.engine.filter.FieldValue.StringValue;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionTest {

    private static final StringValue TEXT = new StringValue("abc");
    private static final NumberValue NUMBER = new NumberValue(5);

    @Test
    void exactValuesMatchOnlyValuesOfTheirType() {
        assertThat(new Condition.ExactString("abc").test(TEXT)).isTrue();
        assertThat(new Condition.ExactString("5").test(NUMBER)).isFalse();
        assertThat(new Condition.ExactNumber(ComparableNumber.key(5)).test(NUMBER))
                .isTrue();
        assertThat(new Condition.ExactNumber(ComparableNumber.key(5)).test(new StringValue("5")))
                .isFalse();
        assertThat(new Condition.ExactLiteral(Literal.TRUE).test(Literal.TRUE)).isTrue();
        assertThat(new Condition.ExactLiteral(Literal.TRUE).test(Literal.FALSE)).isFalse();
    }

    @Test
    void anythingButExcludesOnlyItsOwnValues() {
        Condition strings = new Condition.AnythingBut(Set.of("abc"), Set.of());
        assertThat(strings.test(TEXT)).isFalse();
        assertThat(strings.test(NUMBER)).isTrue();
        assertThat(strings.test(Literal.NULL)).isTrue();
        Condition numbers = new Condition.AnythingBut(Set.of(), Set.of(ComparableNumber.key(5)));
        assertThat(numbers.test(NUMBER)).isFalse();
        assertThat(numbers.test(new NumberValue(5.0000001))).isFalse();
        assertThat(numbers.test(new NumberValue(6))).isTrue();
        assertThat(numbers.test(new StringValue("5"))).isTrue();
        assertThat(numbers.excludes()).isTrue();
        assertThat(new Condition.AnythingButPrefix("a").excludes()).isTrue();
        assertThat(new Condition.Prefix("a").excludes()).isFalse();
    }

    @Test
    void equalsIgnoreCaseNeedsTheWholeValue() {
        Condition.EqualsIgnoreCase condition = Condition.EqualsIgnoreCase.of("aBc");
        assertThat(condition.test(new StringValue("ABC"))).isTrue();
        assertThat(condition.test(new StringValue("abc"))).isTrue();
        assertThat(condition.test(new StringValue("abcd"))).isFalse();
        assertThat(condition.test(new StringValue("ab"))).isFalse();
        assertThat(condition.test(NUMBER)).isFalse();
        assertThat(Condition.EqualsIgnoreCase.of("").test(new StringValue(""))).isTrue();
    }

    @Test
    void equalsIgnoreCaseHandlesCharactersOutsideTheBasicPlane() {
        assertThat(Condition.EqualsIgnoreCase.of("𐐨x").test(new StringValue("𐐀X")))
                .isTrue();
        assertThat(Condition.EqualsIgnoreCase.of("😀").test(new StringValue("😀")))
                .isTrue();
    }

    @Test
    void existsTrueHoldsForEveryValueButNull() {
        assertThat(new Condition.Exists(true).test(TEXT)).isTrue();
        assertThat(new Condition.Exists(true).test(Literal.FALSE)).isTrue();
        assertThat(new Condition.Exists(true).test(Literal.NULL)).isFalse();
        assertThat(new Condition.Exists(false).test(TEXT)).isFalse();
    }

    @Test
    void numericRangesHonourOpenAndClosedEnds() {
        Condition.Numeric range = new Condition.Numeric(ComparableNumber.key(0), true, ComparableNumber.key(10), false);
        assertThat(range.test(new NumberValue(0))).isFalse();
        assertThat(range.test(new NumberValue(10))).isTrue();
        assertThat(range.test(new NumberValue(Double.NaN))).isFalse();
        assertThat(range.test(TEXT)).isFalse();
    }

    @Test
    void attributeNumbersAreDecimalNumbersOnly() {
        assertThat(ComparableNumber.parseAttribute("1.5e3")).isEqualTo(new NumberValue(1500));
        assertThat(ComparableNumber.parseAttribute("-.5")).isEqualTo(new NumberValue(-0.5));
        for (String text : new String[] {"", "NaN", "Infinity", "0x10", "1.5d", "1e", "--1", "1 2", "1".repeat(2000)}) {
            assertThat(ComparableNumber.parseAttribute(text)).as(text).isNull();
        }
    }

    @Test
    void comparableNumbersSpanFiveBillionEitherWay() {
        assertThat(ComparableNumber.comparable(5e9)).isTrue();
        assertThat(ComparableNumber.comparable(-5e9)).isTrue();
        assertThat(ComparableNumber.comparable(5.000001e9)).isFalse();
        assertThat(ComparableNumber.comparable(Double.NaN)).isFalse();
        assertThat(ComparableNumber.key(-5e9)).isZero();
        assertThat(ComparableNumber.key(5e9)).isEqualTo(10_000_000_000_000_000L);
        assertThat(ComparableNumber.key(1.5)).isLessThan(ComparableNumber.key(1.500002));
    }
}

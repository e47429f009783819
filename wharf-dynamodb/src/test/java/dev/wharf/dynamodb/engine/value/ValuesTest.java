package dev.wharf.dynamodb.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DynamoDB's equality and order of values, as conditions use them. */
class ValuesTest {

    @Test
    void equalityNeedsTheSameType() {
        assertThat(Values.equal(new Value.S("1"), Value.N.of(1))).isFalse();
        assertThat(Values.equal(Value.N.of("1.0"), Value.N.of(1))).isTrue();
        assertThat(Values.equal(Value.SS.of("a", "b"), Value.SS.of("b", "a"))).isTrue();
        assertThat(Values.equal(Value.SS.of("a"), new Value.L(List.of(new Value.S("a")))))
                .isFalse();
        assertThat(Values.equal(
                        Value.M.of(Map.of("a", Value.N.of(1), "b", Value.Null.INSTANCE)),
                        Value.M.of(Map.of("b", Value.Null.INSTANCE, "a", Value.N.of("1.00")))))
                .isTrue();
        assertThat(Values.equal(Value.B.of(new byte[] {1}), Value.B.of(new byte[] {1})))
                .isTrue();
    }

    @Test
    void onlyTwoScalarsOfOneTypeHaveAnOrder() {
        assertThat(Values.comparable(new Value.S("a"), new Value.S("b"))).isTrue();
        assertThat(Values.comparable(new Value.S("a"), Value.N.of(1))).isFalse();
        assertThat(Values.comparable(Value.Bool.TRUE, Value.Bool.FALSE)).isFalse();
        assertThat(Values.comparable(Value.SS.of("a"), Value.SS.of("a"))).isFalse();
        assertThatThrownBy(() -> Values.compare(Value.Bool.TRUE, Value.Bool.FALSE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersOrderByValueAndBinariesByUnsignedBytes() {
        assertThat(Values.compare(Value.N.of("10"), Value.N.of("9"))).isPositive();
        assertThat(Values.compare(Value.N.of("-10"), Value.N.of("-9"))).isNegative();
        assertThat(Values.compare(Value.B.of(new byte[] {(byte) 0x80}), Value.B.of(new byte[] {0x7F})))
                .isPositive();
        assertThat(Values.compare(Value.B.of(new byte[] {1}), Value.B.of(new byte[] {1, 0})))
                .isNegative();
    }

    @Test
    void stringsOrderByTheirUtf8Bytes() {
        String privateUse = "\uE000";
        String emoji = "\uD83D\uDE00";
        assertThat(privateUse.compareTo(emoji)).isPositive(); // UTF-16 order
        assertThat(Values.compareStrings(privateUse, emoji)).isNegative(); // UTF-8 order
        assertThat(Values.compareStrings("a", "ab")).isNegative();
        assertThat(Values.compareStrings("B", "a")).isNegative();
        assertThat(Values.compareStrings("", "")).isZero();
    }

    @Test
    void bytesSearchAndPrint() {
        Bytes abc = Bytes.copyOf(new byte[] {1, 2, 3});
        assertThat(abc.startsWith(Bytes.copyOf(new byte[] {1, 2}))).isTrue();
        assertThat(abc.startsWith(Bytes.copyOf(new byte[] {2}))).isFalse();
        assertThat(abc.contains(Bytes.copyOf(new byte[] {2, 3}))).isTrue();
        assertThat(abc.contains(Bytes.copyOf(new byte[] {3, 2}))).isFalse();
        assertThat(abc.contains(Bytes.EMPTY)).isTrue();
        assertThat(abc.byteAt(2)).isEqualTo((byte) 3);
        assertThat(abc.toString()).isEqualTo("AQID");
        assertThat(Bytes.copyOf(new byte[0])).isSameAs(Bytes.EMPTY);
    }

    @Test
    void typesKnowTheirNames() {
        assertThat(Type.byDescriptor("NS")).isEqualTo(Type.NS);
        assertThat(Type.byDescriptor("ns")).isNull();
        assertThat(Type.S.longName()).isEqualTo("STRING");
        assertThat(Type.BS.isSet()).isTrue();
        assertThat(Type.L.isScalarKeyType()).isFalse();
    }

    @Test
    void setsAreNeverEmptyNorHoldANumberTwice() {
        assertThatThrownBy(() -> new Value.SS(new java.util.LinkedHashSet<>()))
                .isInstanceOf(IllegalArgumentException.class);
        java.util.LinkedHashSet<java.math.BigDecimal> twice = new java.util.LinkedHashSet<>();
        twice.add(new java.math.BigDecimal("1"));
        twice.add(new java.math.BigDecimal("1.0"));
        assertThatThrownBy(() -> new Value.NS(twice)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.wharf.dynamodb.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The key encodings: byte order is DynamoDB's order, and every encoding decodes to its value. */
class KeyBytesTest {

    @ParameterizedTest
    @EnumSource(
            value = Type.class,
            names = {"S", "N", "B"})
    void sortKeyBytesOrderAsDynamoDbOrdersTheValues(Type type) {
        RandomValues random = new RandomValues(type.ordinal());
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            values.add(random.key(type));
        }
        for (int i = 0; i + 1 < values.size(); i++) {
            Value a = values.get(i);
            Value b = values.get(i + 1);
            int bytes = Integer.signum(Arrays.compareUnsigned(KeyBytes.sortKey(a), KeyBytes.sortKey(b)));
            assertThat(bytes).as("%s vs %s", a, b).isEqualTo(Integer.signum(Values.compare(a, b)));
        }
        List<Value> byValue = new ArrayList<>(values);
        byValue.sort(Values::compare);
        List<Value> byBytes = new ArrayList<>(values);
        byBytes.sort(Comparator.comparing(KeyBytes::sortKey, Arrays::compareUnsigned));
        for (int i = 0; i < values.size(); i++) {
            assertThat(Values.compare(byBytes.get(i), byValue.get(i))).isZero();
        }
    }

    @Test
    void numbersAtTheEdgesOfTheRangeOrder() {
        List<String> ascending = List.of(
                "-9.9999999999999999999999999999999999999E+125",
                "-1E+125",
                "-100",
                "-10",
                "-1.51",
                "-1.5",
                "-1",
                "-0.1",
                "-1E-130",
                "0",
                "1E-130",
                "0.1",
                "1",
                "1.5",
                "1.51",
                "10",
                "99999999999999999999999999999999999999",
                "9.9999999999999999999999999999999999999E+125");
        for (int i = 0; i + 1 < ascending.size(); i++) {
            byte[] low = KeyBytes.sortKey(Value.N.of(ascending.get(i)));
            byte[] high = KeyBytes.sortKey(Value.N.of(ascending.get(i + 1)));
            assertThat(Arrays.compareUnsigned(low, high)).as(ascending.get(i)).isNegative();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Type.class,
            names = {"S", "N", "B"})
    void everyKeyDecodesToItsValue(Type type) {
        RandomValues random = new RandomValues(100 + type.ordinal());
        for (int i = 0; i < 1_000; i++) {
            Value value = random.key(type);
            assertThat(KeyBytes.decodeSortKey(type, KeyBytes.sortKey(value))).isEqualTo(value);
            byte[] partition = KeyBytes.partitionKey(value);
            assertThat(KeyBytes.decodePartitionKey(partition)).isEqualTo(value);
            assertThat(KeyBytes.partitionKeyLength(partition)).isEqualTo(partition.length);
        }
    }

    @Test
    void aPartitionKeyIsSelfDelimitingSoASortKeyMayFollow() {
        byte[] a = KeyBytes.partitionKey(new Value.S("a"));
        byte[] ab = KeyBytes.partitionKey(new Value.S("ab"));
        assertThat(Arrays.equals(ab, 0, a.length, a, 0, a.length)).isFalse();
        byte[] s = KeyBytes.partitionKey(new Value.S("1"));
        byte[] n = KeyBytes.partitionKey(Value.N.of(1));
        assertThat(s).isNotEqualTo(n);
        byte[] store = new byte[a.length + 2];
        System.arraycopy(a, 0, store, 0, a.length);
        assertThat(KeyBytes.partitionKeyLength(store)).isEqualTo(a.length);
    }

    @Test
    void onlyScalarsAreKeys() {
        assertThatThrownBy(() -> KeyBytes.sortKey(Value.Bool.TRUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyBytes.decodeSortKey(Type.M, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyBytes.decodePartitionKey(new byte[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyBytes.decodePartitionKey(new byte[] {0, 0, 9}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyBytes.decodeSortKey(Type.N, new byte[] {2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyBytes.sortKey(new Value.N(new BigDecimal("1E+200"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

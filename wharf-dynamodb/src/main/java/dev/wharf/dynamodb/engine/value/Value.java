package dev.wharf.dynamodb.engine.value;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.SequencedSet;
import java.util.Set;

/**
 * One of DynamoDB's attribute values, immutable: a string, number, binary, boolean, null, list, map or one of the three
 * sets.
 *
 * <p>Equality is DynamoDB's: numbers by value (they are held canonical), sets and maps whatever their order, lists
 * element by element. Sets keep the order they were given in, which is the order DynamoDB's answers would show.
 * Constructors check only what makes a value of the type at all (a set is never empty and never holds one element
 * twice); the client's mistakes are found, with AWS's messages, by {@link AttributeValues#fromApi}.
 */
public sealed interface Value
        permits Value.S, Value.N, Value.B, Value.Bool, Value.Null, Value.L, Value.M, Value.SS, Value.NS, Value.BS {

    Type type();

    /** The bytes this value counts toward the size of its item, as AWS documents item sizes. */
    int sizeBytes();

    /** A string. */
    record S(String value) implements Value {
        @Override
        public Type type() {
            return Type.S;
        }

        @Override
        public int sizeBytes() {
            return utf8Length(value);
        }
    }

    /** A number, held canonical (trailing zeros stripped, zero unsigned), so that equal numbers are equal. */
    record N(BigDecimal value) implements Value {
        public N {
            value = Numbers.canonical(value);
        }

        /** A number from DynamoDB's text, checked: a ValidationException when it is not one DynamoDB can hold. */
        public static N of(String text) {
            return new N(Numbers.parse(text));
        }

        public static N of(long number) {
            return new N(BigDecimal.valueOf(number));
        }

        /** The number as DynamoDB returns it, for example "150" for "1.5E2". */
        public String text() {
            return Numbers.text(value);
        }

        @Override
        public Type type() {
            return Type.N;
        }

        @Override
        public int sizeBytes() {
            return Numbers.sizeBytes(value);
        }
    }

    /** A binary value. */
    record B(Bytes value) implements Value {
        public static B of(byte[] bytes) {
            return new B(Bytes.copyOf(bytes));
        }

        @Override
        public Type type() {
            return Type.B;
        }

        @Override
        public int sizeBytes() {
            return value.length();
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements Value {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean value) {
            return value ? TRUE : FALSE;
        }

        @Override
        public Type type() {
            return Type.BOOL;
        }

        @Override
        public int sizeBytes() {
            return 1;
        }
    }

    /** The null value, which DynamoDB writes {@code "NULL": true}. */
    record Null() implements Value {
        public static final Null INSTANCE = new Null();

        @Override
        public Type type() {
            return Type.NULL;
        }

        @Override
        public int sizeBytes() {
            return 1;
        }
    }

    /** A list, which may be empty and may hold values of any types. */
    record L(List<Value> values) implements Value {
        public static final L EMPTY = new L(List.of());

        public L {
            values = List.copyOf(values);
        }

        @Override
        public Type type() {
            return Type.L;
        }

        @Override
        public int sizeBytes() {
            int size = 3;
            for (Value element : values) {
                size += 1 + element.sizeBytes();
            }
            return size;
        }
    }

    /** A map from names to values, in the order given; equal to another whatever the order of either. */
    record M(SequencedMap<String, Value> values) implements Value {
        public static final M EMPTY = new M(new LinkedHashMap<>());

        public M {
            values = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(values));
        }

        public static M of(Map<String, Value> values) {
            return new M(new LinkedHashMap<>(values));
        }

        @Override
        public Type type() {
            return Type.M;
        }

        @Override
        public int sizeBytes() {
            int size = 3;
            for (Map.Entry<String, Value> entry : values.entrySet()) {
                size += 1 + utf8Length(entry.getKey()) + entry.getValue().sizeBytes();
            }
            return size;
        }
    }

    /** A string set: not empty, no string twice. */
    record SS(SequencedSet<String> values) implements Value {
        public SS {
            values = nonEmptyCopy(values);
        }

        public static SS of(String... values) {
            return new SS(new LinkedHashSet<>(List.of(values)));
        }

        @Override
        public Type type() {
            return Type.SS;
        }

        @Override
        public int sizeBytes() {
            int size = 0;
            for (String element : values) {
                size += utf8Length(element);
            }
            return size;
        }
    }

    /** A number set: not empty, no number twice; its numbers are canonical. */
    record NS(SequencedSet<BigDecimal> values) implements Value {
        public NS {
            LinkedHashSet<BigDecimal> canonical = new LinkedHashSet<>();
            for (BigDecimal number : values) {
                canonical.add(Numbers.canonical(number));
            }
            if (canonical.size() != values.size()) {
                throw new IllegalArgumentException("a number set holds a number twice");
            }
            values = nonEmptyCopy(canonical);
        }

        public static NS of(String... numbers) {
            LinkedHashSet<BigDecimal> values = new LinkedHashSet<>();
            for (String number : numbers) {
                values.add(Numbers.parse(number));
            }
            return new NS(values);
        }

        @Override
        public Type type() {
            return Type.NS;
        }

        @Override
        public int sizeBytes() {
            int size = 0;
            for (BigDecimal element : values) {
                size += Numbers.sizeBytes(element);
            }
            return size;
        }
    }

    /** A binary set: not empty, no byte string twice. */
    record BS(SequencedSet<Bytes> values) implements Value {
        public BS {
            values = nonEmptyCopy(values);
        }

        @Override
        public Type type() {
            return Type.BS;
        }

        @Override
        public int sizeBytes() {
            int size = 0;
            for (Bytes element : values) {
                size += element.length();
            }
            return size;
        }
    }

    private static <T> SequencedSet<T> nonEmptyCopy(Set<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a set is never empty");
        }
        for (T value : values) {
            Objects.requireNonNull(value);
        }
        return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(values));
    }

    /** The length of a string in UTF-8, without encoding it. */
    static int utf8Length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < length
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // Four bytes for the two chars of the pair.
                    i++;
                } // A lone surrogate is encoded as one byte, '?', as String.getBytes does.
            }
        }
        return bytes;
    }

    /** The UTF-8 encoding of a string, as DynamoDB orders and measures strings. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

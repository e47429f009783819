package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.engine.value.KeyBytes;
import dev.wharf.dynamodb.engine.value.Value;
import dev.wharf.dynamodb.engine.value.Values;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A Query's condition on the sort key: {@code =}, {@code <}, {@code <=}, {@code >}, {@code >=}, BETWEEN or
 * begins_with, with its bounds as a range of {@link KeyBytes#sortKey} encodings for a store's range scan.
 */
public record SortKeyCondition(
        Operator operator, Value value, @Nullable Value high) {

    /** The operators a sort key condition may use, by their legacy names. */
    public enum Operator {
        EQ,
        LT,
        LE,
        GT,
        GE,
        BETWEEN,
        BEGINS_WITH
    }

    public SortKeyCondition {
        if ((operator == Operator.BETWEEN) != (high != null)) {
            throw new IllegalArgumentException("BETWEEN, and only BETWEEN, has a high bound");
        }
    }

    /** True when a sort key value satisfies the condition. */
    public boolean matches(Value sortKey) {
        if (operator == Operator.BEGINS_WITH) {
            if (sortKey instanceof Value.S s && value instanceof Value.S p) {
                return s.value().startsWith(p.value());
            }
            return sortKey instanceof Value.B b
                    && value instanceof Value.B p
                    && b.value().startsWith(p.value());
        }
        if (!Values.comparable(sortKey, value)) {
            return false;
        }
        int order = Values.compare(sortKey, value);
        return switch (operator) {
            case EQ -> order == 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case BETWEEN -> order >= 0 && high != null && Values.compare(sortKey, high) <= 0;
            case BEGINS_WITH -> throw new IllegalStateException();
        };
    }

    /** The smallest sort key encoding that may match, or null for no lower bound. */
    public byte @Nullable [] startInclusive() {
        byte[] encoded = KeyBytes.sortKey(value);
        return switch (operator) {
            case EQ, GE, BETWEEN, BEGINS_WITH -> encoded;
            case GT -> successor(encoded);
            case LT, LE -> null;
        };
    }

    /** The smallest sort key encoding past every match, or null for no upper bound. */
    public byte @Nullable [] endExclusive() {
        return switch (operator) {
            case EQ, LE -> successor(KeyBytes.sortKey(value));
            case LT -> KeyBytes.sortKey(value);
            case BETWEEN -> successor(KeyBytes.sortKey(high == null ? value : high));
            case BEGINS_WITH -> prefixEnd(KeyBytes.sortKey(value));
            case GT, GE -> null;
        };
    }

    /** The smallest byte string greater than this one: itself with a zero byte after it. */
    private static byte[] successor(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /** The smallest byte string greater than every one that starts with this prefix, or null when there is none. */
    private static byte @Nullable [] prefixEnd(byte[] prefix) {
        int last = prefix.length - 1;
        while (last >= 0 && prefix[last] == (byte) 0xFF) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        byte[] end = Arrays.copyOf(prefix, last + 1);
        end[last]++;
        return end;
    }
}

package dev.wharf.dynamodb.engine.value;

/**
 * The comparisons of DynamoDB's conditions and key conditions: {@code =} and {@code <>} on values of any types
 * (equal only when of one type, sets and maps whatever their order), and the order of {@code <}, {@code <=}, {@code
 * >}, {@code >=} and BETWEEN, which exists only between two S, two N or two B values.
 */
public final class Values {

    private Values() {}

    /** True when DynamoDB's {@code =} holds: the same type and the same value. */
    public static boolean equal(Value left, Value right) {
        return left.equals(right);
    }

    /** True when the two values can be ordered: both S, both N or both B. */
    public static boolean comparable(Value left, Value right) {
        return left.type() == right.type() && left.type().isScalarKeyType();
    }

    /**
     * The order of two comparable values, negative, zero or positive, as DynamoDB orders them: strings by their UTF-8
     * bytes, binaries by unsigned bytes, numbers by value; throws IllegalArgumentException for values that are not
     * {@link #comparable}.
     */
    public static int compare(Value left, Value right) {
        if (left instanceof Value.S l && right instanceof Value.S r) {
            return compareStrings(l.value(), r.value());
        }
        if (left instanceof Value.N l && right instanceof Value.N r) {
            return l.value().compareTo(r.value());
        }
        if (left instanceof Value.B l && right instanceof Value.B r) {
            return l.value().compareTo(r.value());
        }
        throw new IllegalArgumentException("no order between " + left.type() + " and " + right.type());
    }

    /**
     * Strings in the order of their UTF-8 bytes, which is the order of their code points (not of their UTF-16 chars,
     * which put U+E000..U+FFFF after the supplementary planes), computed without encoding them.
     */
    public static int compareStrings(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int a = left.codePointAt(i);
            int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(left.length() - i, right.length() - j);
    }
}

package dev.wharf.sns.engine.filter;

import org.jspecify.annotations.Nullable;

/**
 * Turns numbers into the keys that AWS's matcher compares, so that equality, ranges and rounding come out as in AWS.
 *
 * <p>AWS's matcher (the open-source event-ruler that SNS filtering is built on) adds 5×10^9 to a number, multiplies by
 * 10^6 and truncates, in double arithmetic. So numbers compare to about six digits after the point (AWS documents
 * five), and only numbers from -5×10^9 to 5×10^9 take part in numeric matching at all. This class keeps that arithmetic
 * exactly, rather than comparing doubles, so that values such as {@code 100.1234567} and {@code 100.1234568} are equal
 * here as they are in AWS.
 */
final class ComparableNumber {

    /** The magnitude beyond which a message's number matches no numeric condition. */
    static final double BOUND = 5e9;

    private static final double SCALE = 1e6;

    private ComparableNumber() {}

    static boolean comparable(double value) {
        return value >= -BOUND && value <= BOUND;
    }

    /** The key of a comparable number; keys order as their numbers do. */
    static long key(double value) {
        return (long) (SCALE * (BOUND + value));
    }

    /**
     * Reads the text of a {@code Number} message attribute: a decimal number with an optional sign, fraction and
     * exponent. Returns null for text that is no such number; it then matches no numeric condition.
     */
    static FieldValue.@Nullable NumberValue parseAttribute(String text) {
        if (text.isEmpty() || text.length() > 1024) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Double.parseDouble also reads "NaN", "Infinity", hexadecimal and a trailing 'd' or 'f'; SNS does not.
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return null;
            }
        }
        try {
            return new FieldValue.NumberValue(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

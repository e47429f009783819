package dev.wharf.sqs.engine;

import dev.wharf.sqs.api.SqsLimits;
import org.jspecify.annotations.Nullable;

/**
 * The value of a {@code Number} message attribute as AWS bounds it: how many significant digits it has (leading and
 * trailing zeros do not count) and the power of ten of the first one, so {@code 12.5} has precision 3 and exponent 1.
 *
 * <p>It is read by one pass over the text rather than by a regular expression or {@link java.math.BigDecimal}, so a
 * value of a megabyte costs a megabyte of work whatever it holds.
 *
 * @param precision the number of significant digits, 0 for zero
 * @param exponent the power of ten of the first significant digit, clamped far beyond AWS's range
 * @param unit whether the significant digits are a single {@code 1}, as in {@code 1e126}
 */
record NumberValue(int precision, long exponent, boolean unit) {

    /** Exponents beyond this are all equally out of range; clamping keeps the arithmetic exact. */
    private static final long EXPONENT_CLAMP = 1_000_000_000_000L;

    /** Whether the value has more significant digits than AWS keeps. */
    boolean tooPrecise() {
        return precision > SqsLimits.NUMBER_PRECISION_MAX;
    }

    /** Whether the value is zero or its magnitude lies from 10^-128 to 10^+126, both included. */
    boolean inRange() {
        return precision == 0
                || (exponent >= SqsLimits.NUMBER_EXPONENT_MIN
                        && (exponent < SqsLimits.NUMBER_EXPONENT_MAX
                                || (exponent == SqsLimits.NUMBER_EXPONENT_MAX && unit)));
    }

    /**
     * Reads a decimal number with an optional sign, fraction and exponent ({@code -1.5e-3}, {@code .5}, {@code 7.}),
     * or returns null when the text is not one.
     */
    static @Nullable NumberValue parse(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        int integerDigits = 0;
        int first = -1;
        int last = -1;
        char firstDigit = '0';
        boolean point = false;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' && !point) {
                point = true;
            } else if (c >= '0' && c <= '9') {
                if (c != '0') {
                    if (first < 0) {
                        first = digits;
                        firstDigit = c;
                    }
                    last = digits;
                }
                digits++;
                integerDigits += point ? 0 : 1;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return null;
        }
        long exponent = 0;
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negative = i < length && text.charAt(i) == '-';
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            for (; i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
                exponent = Math.min(EXPONENT_CLAMP, exponent * 10 + (text.charAt(i) - '0'));
            }
            if (i == start) {
                return null;
            }
            exponent = negative ? -exponent : exponent;
        }
        if (i != length) {
            return null;
        }
        if (first < 0) {
            return new NumberValue(0, 0, false);
        }
        return new NumberValue(
                last - first + 1, integerDigits - 1L - first + exponent, first == last && firstDigit == '1');
    }
}

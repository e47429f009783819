package dev.wharf.dynamodb.engine.value;

import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.DynamoDbLimits;
import java.math.BigDecimal;

/**
 * DynamoDB's numbers: exact decimals of at most 38 significant digits, with magnitudes from 1E-130 to
 * 9.9999999999999999999999999999999999999E+125, held in one canonical form (trailing zeros stripped, zero unsigned),
 * so that equal numbers are equal {@link BigDecimal}s and print as DynamoDB returns them.
 */
public final class Numbers {

    private Numbers() {}

    /**
     * The number that a client wrote, checked as DynamoDB checks it; throws a ValidationException with DynamoDB's
     * message when it is not a number or outside the range.
     */
    public static BigDecimal parse(String text) {
        if (text.isEmpty()) {
            throw DynamoDbError.Validation.with("The parameter cannot be converted to a numeric value");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw DynamoDbError.Validation.with("The parameter cannot be converted to a numeric value: " + text);
        }
        return checked(number);
    }

    /**
     * The number in canonical form, checked against DynamoDB's range and precision; throws a ValidationException for
     * one outside them, as the result of an update's arithmetic may be.
     */
    public static BigDecimal checked(BigDecimal number) {
        if (number.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal canonical = number.stripTrailingZeros();
        long exponent = exponent(canonical);
        if (exponent > DynamoDbLimits.NUMBER_EXPONENT_MAX) {
            throw DynamoDbError.Validation.with(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < DynamoDbLimits.NUMBER_EXPONENT_MIN) {
            throw DynamoDbError.Validation.with(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        if (canonical.precision() > DynamoDbLimits.NUMBER_PRECISION_MAX) {
            throw DynamoDbError.Validation.with("Attempting to store more than 38 significant digits in a Number");
        }
        return canonical;
    }

    /** The canonical form of a number known to be in range: trailing zeros stripped, zero unsigned. */
    static BigDecimal canonical(BigDecimal number) {
        return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
    }

    /** The number as DynamoDB returns it: plain decimal notation, without exponent or needless zeros. */
    public static String text(BigDecimal number) {
        return canonical(number).toPlainString();
    }

    /** The power of ten of the number's leading digit, 0 for zero: 2 for 150, -3 for 0.001. */
    static long exponent(BigDecimal number) {
        return number.signum() == 0 ? 0 : (long) number.precision() - number.scale() - 1;
    }

    /**
     * The bytes a number counts toward its item's size. AWS documents "approximately 1 byte per two significant
     * digits, plus 1 byte"; the exact figure follows from how DynamoDB stores a number, as base-100 digits aligned
     * on the decimal point after one byte of exponent, and one more byte for a negative number: so 1 and 10 take
     * two bytes, 0.1 one digit pair too, 123 three bytes, and -1 three.
     */
    static int sizeBytes(BigDecimal number) {
        if (number.signum() == 0) {
            return 1;
        }
        int digits = number.precision();
        boolean leadingDigitAlone = Math.floorMod(exponent(number), 2) == 0;
        int pairs = (digits + (leadingDigitAlone ? 1 : 0) + 1) / 2;
        return 1 + pairs + (number.signum() < 0 ? 1 : 0);
    }
}

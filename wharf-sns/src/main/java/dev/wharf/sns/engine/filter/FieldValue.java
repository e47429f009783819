package dev.wharf.sns.engine.filter;

/**
 * One value that a filter policy is matched against: a message attribute's value, one element of a String.Array value,
 * or one leaf of a JSON message body.
 *
 * <p>Values keep their JSON type: a policy's string matches only strings and its number only numbers, so the string
 * {@code "100"} is not the number {@code 100}, as in AWS.
 */
sealed interface FieldValue permits FieldValue.StringValue, FieldValue.NumberValue, FieldValue.Literal {

    /** A string value. */
    record StringValue(String text) implements FieldValue {}

    /** A number value, compared as AWS compares numbers: see {@link ComparableNumber}. */
    record NumberValue(double value) implements FieldValue {

        /** Whether the number lies within the range that numeric matching covers at all. */
        boolean comparable() {
            return ComparableNumber.comparable(value);
        }

        /** The number's comparison key; only meaningful when {@link #comparable()}. */
        long key() {
            return ComparableNumber.key(value);
        }
    }

    /** The JSON keywords, which match only themselves. */
    enum Literal implements FieldValue {
        TRUE,
        FALSE,
        NULL
    }
}

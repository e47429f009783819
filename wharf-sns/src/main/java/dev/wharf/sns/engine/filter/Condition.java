package dev.wharf.sns.engine.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One value of a policy property's array: a value to match exactly or a match expression such as {@code prefix}. A
 * property matches when any of its conditions matches any of its values.
 */
sealed interface Condition {

    /** Whether the condition holds for one value; {@link Exists} is decided by the matcher, not here. */
    boolean test(FieldValue value);

    /**
     * Whether the condition matches values by excluding some. A String.Array attribute matches such a condition only
     * when none of its elements is excluded.
     */
    default boolean excludes() {
        return false;
    }

    /** A string value, matched exactly and case-sensitively. */
    record ExactString(String text) implements Condition {
        @Override
        public boolean test(FieldValue value) {
            return value instanceof FieldValue.StringValue(String other) && other.equals(text);
        }
    }

    /** A number value, matched numerically: {@code [100]} matches {@code 100.0} and {@code 1e2}. */
    record ExactNumber(long key) implements Condition {
        @Override
        public boolean test(FieldValue value) {
            return value instanceof FieldValue.NumberValue number && number.comparable() && number.key() == key;
        }
    }

    /** {@code true}, {@code false} or {@code null}, which match only the same keyword. */
    record ExactLiteral(FieldValue.Literal literal) implements Condition {
        @Override
        public boolean test(FieldValue value) {
            return value == literal;
        }
    }

    /** {@code {"prefix": "..."}}: strings that begin with it. */
    record Prefix(String prefix) implements Condition {
        @Override
        public boolean test(FieldValue value) {
            return value instanceof FieldValue.StringValue(String text) && text.startsWith(prefix);
        }
    }

    /** {@code {"suffix": "..."}}: strings that end with it. */
    record Suffix(String suffix) implements Condition {
        @Override
        public boolean test(FieldValue value) {
            return value instanceof FieldValue.StringValue(String text) && text.endsWith(suffix);
        }
    }

    /**
     * {@code {"equals-ignore-case": "..."}}: strings in which each character of the policy's value appears in its lower
     * or its upper case, as AWS's matcher folds case: character by character, in {@link Locale#ROOT}.
     *
     * @param lower each code point of the policy's value in lower case
     * @param upper each code point of the policy's value in upper case
     */
    record EqualsIgnoreCase(String text, List<String> lower, List<String> upper) implements Condition {

        static EqualsIgnoreCase of(String text) {
            List<String> lower = new ArrayList<>();
            List<String> upper = new ArrayList<>();
            text.codePoints().forEach(codePoint -> {
                String character = Character.toString(codePoint);
                lower.add(character.toLowerCase(Locale.ROOT));
                upper.add(character.toUpperCase(Locale.ROOT));
            });
            return new EqualsIgnoreCase(text, List.copyOf(lower), List.copyOf(upper));
        }

        @Override
        public boolean test(FieldValue value) {
            return value instanceof FieldValue.StringValue(String candidate) && matches(candidate);
        }

        /**
         * Follows every way of reading the candidate as the policy's characters in either case. A character's two cases
         * may differ in length ("ß" and "SS"), so more than one position can be live; they are kept without repeats,
         * so there are never more of them than the candidate has characters.
         */
        private boolean matches(String candidate) {
            int[] positions = {0};
            int live = 1;
            for (int i = 0; i < lower.size() && live > 0; i++) {
                int[] next = new int[live * 2];
                int count = 0;
                for (int p = 0; p < live; p++) {
                    count = advance(candidate, positions[p], lower.get(i), next, count);
                    count = advance(candidate, positions[p], upper.get(i), next, count);
                }
                positions = next;
                live = count;
            }
            for (int p = 0; p < live; p++) {
                if (positions[p] == candidate.length()) {
                    return true;
                }
            }
            return false;
        }

        private static int advance(String candidate, int position, String form, int[] next, int count) {
            if (!candidate.startsWith(form, position)) {
                return count;
            }
            int end = position + form.length();
            for (int i = 0; i < count; i++) {
                if (next[i] == end) {
                    return count;
                }
            }
            next[count] = end;
            return count + 1;
        }
    }

    /**
     * {@code {"anything-but": ...}} with strings or with numbers, never both: every value that is not one of them,
     * including values of another type.
     */
    record AnythingBut(Set<String> strings, Set<Long> numberKeys) implements Condition {
        @Override
        public boolean test(FieldValue value) {
            return switch (value) {
                case FieldValue.StringValue(String text) -> !strings.contains(text);
                case FieldValue.NumberValue number -> !(number.comparable() && numberKeys.contains(number.key()));
                case FieldValue.Literal literal -> true;
            };
        }

        @Override
        public boolean excludes() {
            return true;
        }
    }

    /** {@code {"anything-but": {"prefix": "..."}}}: every value that is not a string with the prefix. */
    record AnythingButPrefix(String prefix) implements Condition {
        @Override
        public boolean test(FieldValue value) {
            return !(value instanceof FieldValue.StringValue(String text) && text.startsWith(prefix));
        }

        @Override
        public boolean excludes() {
            return true;
        }
    }

    /**
     * {@code {"numeric": [...]}}: numbers whose key lies between two keys, each end open or closed. An expression with
     * one operator has the other end at the edge of the comparable range, as in AWS.
     */
    record Numeric(long bottom, boolean openBottom, long top, boolean openTop) implements Condition {
        @Override
        public boolean test(FieldValue value) {
            if (!(value instanceof FieldValue.NumberValue number) || !number.comparable()) {
                return false;
            }
            long key = number.key();
            return (openBottom ? key > bottom : key >= bottom) && (openTop ? key < top : key <= top);
        }
    }

    /** {@code {"cidr": "..."}}, or a string value that is an IP address: strings that are addresses in the range. */
    record Cidr(IpRange range) implements Condition {
        @Override
        public boolean test(FieldValue value) {
            if (!(value instanceof FieldValue.StringValue(String text))) {
                return false;
            }
            IpAddress address = IpAddress.parse(text);
            return address != null && range.contains(address);
        }
    }

    /**
     * {@code {"exists": true}} or {@code {"exists": false}}. AWS: "The key must have a non-null and non-empty value",
     * so a value of {@code null} does not make a property exist.
     */
    record Exists(boolean present) implements Condition {
        @Override
        public boolean test(FieldValue value) {
            return present && value != FieldValue.Literal.NULL;
        }
    }
}

package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.common.AwsException;
import dev.wharf.common.LogText;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A composite alarm's rule in AWS's rule language: {@code ALARM(x)}, {@code OK(x)} and {@code INSUFFICIENT_DATA(x)}
 * of an alarm named by its name or ARN (quoted or not), {@code TRUE}, {@code FALSE}, {@code NOT}, {@code AND}, {@code
 * OR} and parentheses; NOT binds tightest, then AND, then OR. At most 100 alarms and a nesting of 64.
 */
sealed interface CompositeRule {

    int MAX_ALARMS = 100;
    int MAX_DEPTH = 64;

    /** Whether the rule holds, given each named alarm's state (null when the alarm does not exist). */
    boolean holds(Function<String, @Nullable String> stateOf);

    /** Adds the alarms the rule names. */
    void alarms(Set<String> into);

    record State(String state, String alarm) implements CompositeRule {
        @Override
        public boolean holds(Function<String, @Nullable String> stateOf) {
            return state.equals(stateOf.apply(alarm));
        }

        @Override
        public void alarms(Set<String> into) {
            into.add(alarm);
        }
    }

    record Constant(boolean value) implements CompositeRule {
        @Override
        public boolean holds(Function<String, @Nullable String> stateOf) {
            return value;
        }

        @Override
        public void alarms(Set<String> into) {}
    }

    record Not(CompositeRule rule) implements CompositeRule {
        @Override
        public boolean holds(Function<String, @Nullable String> stateOf) {
            return !rule.holds(stateOf);
        }

        @Override
        public void alarms(Set<String> into) {
            rule.alarms(into);
        }
    }

    record Both(CompositeRule left, CompositeRule right, boolean and) implements CompositeRule {
        @Override
        public boolean holds(Function<String, @Nullable String> stateOf) {
            return and ? left.holds(stateOf) && right.holds(stateOf) : left.holds(stateOf) || right.holds(stateOf);
        }

        @Override
        public void alarms(Set<String> into) {
            left.alarms(into);
            right.alarms(into);
        }
    }

    /**
     * Parses a rule.
     *
     * @throws AwsException {@code ValidationError} for a rule that is not one
     */
    static CompositeRule parse(String text) {
        Parser parser = new Parser(text);
        CompositeRule rule = parser.or(0);
        parser.skipSpace();
        if (parser.at < text.length()) {
            throw parser.error("unexpected text");
        }
        Set<String> alarms = new LinkedHashSet<>();
        rule.alarms(alarms);
        if (alarms.size() > MAX_ALARMS) {
            throw CloudWatchError.ValidationError.with("An alarm rule can reference at most 100 alarms.");
        }
        return rule;
    }

    /** The recursive-descent parser of {@link #parse}. */
    final class Parser {
        private final String text;
        private int at;

        private Parser(String text) {
            this.text = text;
        }

        CompositeRule or(int depth) {
            CompositeRule left = and(depth);
            while (keyword("OR")) {
                left = new Both(left, and(depth), false);
            }
            return left;
        }

        private CompositeRule and(int depth) {
            CompositeRule left = unary(depth);
            while (keyword("AND")) {
                left = new Both(left, unary(depth), true);
            }
            return left;
        }

        private CompositeRule unary(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("it nests too deep");
            }
            if (keyword("NOT")) {
                return new Not(unary(depth + 1));
            }
            skipSpace();
            if (at < text.length() && text.charAt(at) == '(') {
                at++;
                CompositeRule inner = or(depth + 1);
                expect(')');
                return inner;
            }
            if (keyword("TRUE")) {
                return new Constant(true);
            }
            if (keyword("FALSE")) {
                return new Constant(false);
            }
            for (String state : Alarm.STATES) {
                if (keyword(state)) {
                    expect('(');
                    String alarm = alarmName();
                    expect(')');
                    return new State(state, alarm);
                }
            }
            throw error("expected a state function, TRUE, FALSE, NOT or a parenthesis");
        }

        private String alarmName() {
            skipSpace();
            if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
                char quote = text.charAt(at++);
                int end = text.indexOf(quote, at);
                if (end < 0) {
                    throw error("a quoted alarm name is not closed");
                }
                String name = text.substring(at, end);
                at = end + 1;
                return name;
            }
            int start = at;
            while (at < text.length() && text.charAt(at) != ')') {
                at++;
            }
            String name = text.substring(start, at).trim();
            if (name.isEmpty()) {
                throw error("an alarm name is missing");
            }
            return name;
        }

        private boolean keyword(String word) {
            skipSpace();
            if (!text.regionMatches(at, word, 0, word.length())) {
                return false;
            }
            int end = at + word.length();
            if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                return false;
            }
            at = end;
            return true;
        }

        private void expect(char c) {
            skipSpace();
            if (at >= text.length() || text.charAt(at) != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        AwsException error(String why) {
            return CloudWatchError.ValidationError.with(
                    "Error in alarm rule at position " + at + ": " + why + " (" + LogText.bounded(text, 64) + ").");
        }
    }
}

package dev.wharf.cloudwatch.engine.math;

import java.util.List;
import java.util.Set;

/**
 * Checks the shape of a call's arguments when it is parsed: where a keyword or a string may stand, and which; what
 * PERIOD may be asked about. Types are checked later, when the arguments have values.
 */
final class CallRules {

    private CallRules() {}

    /** Throws MathException unless every keyword and string argument stands where the function accepts it. */
    static void check(Function function, List<Node> arguments, List<Token> starts) {
        for (int i = 0; i < arguments.size(); i++) {
            Node argument = arguments.get(i);
            switch (function) {
                case METRICS ->
                    requireText(argument, "METRICS' argument must be a string, such as METRICS(\"errors\")");
                case FILL -> {
                    if (i == 1 && argument instanceof Node.Keyword keyword) {
                        requireIn(
                                keyword,
                                Function.FILL_KEYWORDS,
                                "FILL's second argument must be a value, REPEAT or LINEAR");
                    } else {
                        requireValue(argument, starts.get(i));
                    }
                }
                case SORT -> {
                    if (i == 1) {
                        requireIn(
                                argument,
                                Function.SORT_STATISTICS,
                                "SORT's second argument must be AVG, MIN, MAX or SUM");
                    } else if (i == 2) {
                        requireIn(argument, Function.SORT_ORDERS, "SORT's third argument must be ASC or DESC");
                    } else {
                        requireValue(argument, starts.get(i));
                    }
                }
                case PERIOD -> {
                    if (!(argument instanceof Node.Reference)) {
                        throw new MathException("PERIOD's argument must be the Id of a metric, such as PERIOD(m1)");
                    }
                }
                default -> requireValue(argument, starts.get(i));
            }
        }
    }

    private static void requireText(Node argument, String message) {
        if (!(argument instanceof Node.Text)) {
            throw new MathException(message);
        }
    }

    private static void requireIn(Node argument, Set<String> words, String message) {
        if (!(argument instanceof Node.Keyword keyword) || !words.contains(keyword.word())) {
            throw new MathException(message);
        }
    }

    private static void requireValue(Node argument, Token start) {
        if (argument instanceof Node.Keyword || argument instanceof Node.Text) {
            throw new MathException("Syntax error at position " + start.position() + ": unexpected " + start.quoted());
        }
    }
}

package dev.wharf.sns.engine.filter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.DoubleToLongFunction;

/**
 * Reads the array of a {@code numeric} expression: one operator and a number, or a lower bound ({@code >}, {@code >=})
 * followed by an upper one ({@code <}, {@code <=}), with AWS's errors in AWS's order.
 */
final class NumericExpressionParser {

    private static final long BOTTOM = ComparableNumber.key(-ComparableNumber.BOUND);
    private static final long TOP = ComparableNumber.key(ComparableNumber.BOUND);

    private final JsonParser parser;
    private final DoubleToLongFunction key;

    /**
     * @param key turns a number into its key, refusing numbers out of range; AWS's matcher does so when it builds the
     *     range, after reading the whole array
     */
    NumericExpressionParser(JsonParser parser, DoubleToLongFunction key) {
        this.parser = parser;
        this.key = key;
    }

    /** Reads the expression; the parser stands on the array's START_ARRAY and is left on its END_ARRAY. */
    Condition.Numeric range() throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_STRING) {
            throw error("Invalid member in numeric match: " + parser.getText());
        }
        String operator = parser.getText();
        token = parser.nextToken();
        switch (operator) {
            case "=" -> {
                double value = value(token, "equals");
                endOfArray("Too many elements in numeric expression");
                long exact = key.applyAsLong(value);
                return new Condition.Numeric(exact, false, exact, false);
            }
            case ">", ">=" -> {
                double bottom = value(token, operator);
                token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    return new Condition.Numeric(key.applyAsLong(bottom), operator.equals(">"), TOP, false);
                }
                return between(token, bottom, operator.equals(">"));
            }
            case "<", "<=" -> {
                double top = value(token, operator);
                endOfArray("Too many elements in numeric expression");
                return new Condition.Numeric(BOTTOM, false, key.applyAsLong(top), operator.equals("<"));
            }
            default -> throw error("Unrecognized numeric range operator: " + operator);
        }
    }

    private Condition.Numeric between(JsonToken token, double bottom, boolean openBottom) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw error("Bad value in numeric range: " + parser.getText());
        }
        String operator = parser.getText();
        if (!operator.equals("<") && !operator.equals("<=")) {
            throw error("Bad numeric range operator: " + operator);
        }
        double top = value(parser.nextToken(), operator);
        endOfArray("Too many terms in numeric range expression");
        if (bottom >= top) {
            throw error("Bottom must be less than top");
        }
        return new Condition.Numeric(key.applyAsLong(bottom), openBottom, key.applyAsLong(top), operator.equals("<"));
    }

    private double value(JsonToken token, String operator) throws IOException {
        if (!token.isNumeric()) {
            throw error("Value of " + operator + " must be numeric");
        }
        return parser.getDoubleValue();
    }

    private void endOfArray(String error) throws IOException {
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw error(error);
        }
    }

    private InvalidFilterPolicy error(String reason) {
        return PolicyParser.located(parser, reason);
    }
}

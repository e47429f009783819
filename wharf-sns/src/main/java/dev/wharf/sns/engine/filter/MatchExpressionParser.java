package dev.wharf.sns.engine.filter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a match expression, the one-key object such as {@code {"prefix": "bas"}} in a property's array, token by token
 * in the order of AWS's matcher, with its errors.
 *
 * <p>The operators are the ones that SNS documents. AWS's matcher knows a few more that SNS does not document
 * ({@code wildcard}, {@code exactly}, and {@code anything-but} with anything but {@code prefix}); they are refused here
 * as AWS refuses an unknown name.
 */
final class MatchExpressionParser {

    private final JsonParser parser;

    MatchExpressionParser(JsonParser parser) {
        this.parser = parser;
    }

    /** Reads one expression; the parser stands on its START_OBJECT and is left on its END_OBJECT. */
    Condition expression() throws IOException {
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
            throw error("Match expression name not found");
        }
        String name = parser.currentName();
        return switch (name) {
            case "prefix" -> new Condition.Prefix(onlyKey(string("prefix match pattern must be a string")));
            case "suffix" -> new Condition.Suffix(onlyKey(string("suffix match pattern must be a string")));
            case "equals-ignore-case" ->
                Condition.EqualsIgnoreCase.of(onlyKey(string("equals-ignore-case match pattern must be a string")));
            // AWS's matcher reuses the prefix text for a cidr that is no string.
            case "cidr" ->
                new Condition.Cidr(onlyKey(IpRange.parseCidr(string("prefix match pattern must be a string"))));
            case "exists" -> onlyKey(exists());
            case "numeric" -> numeric();
            case "anything-but" -> anythingBut();
            default -> throw error("Unrecognized match type " + name);
        };
    }

    /**
     * The key of a number in the policy. AWS documents numbers from -10^9 to 10^9; it answers a number beyond them with
     * an internal error, and its matcher's own bound is 5×10^9, so Wharf refuses them as the matcher words it.
     */
    long number() throws IOException {
        return key(parser.getDoubleValue());
    }

    private long key(double value) {
        if (!(value >= -FilterPolicyLimits.NUMBER_MAX && value <= FilterPolicyLimits.NUMBER_MAX)) {
            throw error("Value must be between " + -FilterPolicyLimits.NUMBER_MAX + " and "
                    + FilterPolicyLimits.NUMBER_MAX + ", inclusive");
        }
        return ComparableNumber.key(value);
    }

    private String string(String error) throws IOException {
        if (parser.nextToken() != JsonToken.VALUE_STRING) {
            throw error(error);
        }
        return parser.getText();
    }

    private <T> T onlyKey(T value) throws IOException {
        if (parser.nextToken() != JsonToken.END_OBJECT) {
            throw error("Only one key allowed in match expression");
        }
        return value;
    }

    private Condition exists() throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw error("exists match pattern must be either true or false.");
        }
        return new Condition.Exists(token == JsonToken.VALUE_TRUE);
    }

    private Condition numeric() throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw error("Value of numeric must be an array.");
        }
        Condition range = new NumericExpressionParser(parser, this::key).range();
        if (parser.nextToken() != JsonToken.END_OBJECT) {
            throw error("Too many elements in numeric expression");
        }
        return range;
    }

    private Condition anythingBut() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_OBJECT) {
            return anythingButPrefix();
        }
        Condition condition =
                switch (token) {
                    case START_ARRAY -> anythingButList();
                    case VALUE_STRING -> new Condition.AnythingBut(Set.of(parser.getText()), Set.of());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Condition.AnythingBut(Set.of(), Set.of(number()));
                    default -> throw error("Value of anything-but must be an array or single string/number value.");
                };
        // AWS's matcher says so for anything-but too.
        if (parser.nextToken() != JsonToken.END_OBJECT) {
            throw error("Too many elements in numeric expression");
        }
        return condition;
    }

    private Condition anythingButPrefix() throws IOException {
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
            throw error("Anything-But expression name not found");
        }
        String name = parser.currentName();
        if (!name.equals("prefix")) {
            throw error("Unsupported anything-but pattern: " + name);
        }
        String prefix = string("prefix match pattern must be a string");
        if (prefix.isEmpty()) {
            throw error("Null prefix not allowed");
        }
        return onlyKey(onlyKey(new Condition.AnythingButPrefix(prefix)));
    }

    private Condition anythingButList() throws IOException {
        Set<String> strings = new LinkedHashSet<>();
        Set<Long> numbers = new LinkedHashSet<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            switch (token) {
                case VALUE_STRING -> strings.add(parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> numbers.add(number());
                default -> throw error("Inside anything but list, start|null|boolean is not supported.");
            }
        }
        if (strings.isEmpty() == numbers.isEmpty()) {
            throw error(
                    "Inside anything but list, either all values are number or string, mixed type is not supported");
        }
        return new Condition.AnythingBut(Set.copyOf(strings), Set.copyOf(numbers));
    }

    private InvalidFilterPolicy error(String reason) {
        return PolicyParser.located(parser, reason);
    }
}

package dev.wharf.sns.engine.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.wharf.sns.api.MessageAttributeValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Matches a MessageAttributes policy against a message's attributes: each property of a branch names an attribute, and
 * the branch matches when every property matches.
 *
 * <p>A {@code String} attribute is one string and a {@code Number} attribute one number, whatever their custom suffix;
 * a {@code String.Array} attribute is its JSON array's elements, and matches a condition when any element does, except
 * that it matches an {@code anything-but} only when none of its elements is excluded, as AWS documents. {@code Binary}
 * attributes are not there for a policy.
 */
final class AttributeMatcher {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(FilterPolicyLimits.MESSAGE_DEPTH_MAX)
                    .build())
            .build();

    private AttributeMatcher() {}

    static boolean matches(List<Branch> branches, Map<String, MessageAttributeValue> attributes) {
        // AWS: "An empty set of attributes results in the filter not matching", even for {"exists": false}.
        if (!filterable(attributes)) {
            return false;
        }
        Map<String, Values> read = new HashMap<>();
        for (Branch branch : branches) {
            boolean all = true;
            for (Branch.Rule rule : branch.rules()) {
                if (!matches(rule, lookup(rule.path(), attributes, read))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** The values of one attribute, and whether they are a String.Array's elements. */
    private record Values(List<FieldValue> values, boolean array) {}

    /** Whether a property matches its attribute's values, null when the message has no such attribute. */
    private static boolean matches(Branch.Rule rule, @Nullable Values attribute) {
        boolean absent =
                attribute == null || attribute.values().stream().allMatch(value -> value == FieldValue.Literal.NULL);
        if (absent && rule.absenceMatches()) {
            return true;
        }
        if (attribute == null) {
            return false;
        }
        List<FieldValue> values = attribute.values();
        for (Condition condition : rule.conditions()) {
            boolean matched = (attribute.array() && condition.excludes())
                    ? !values.isEmpty() && values.stream().allMatch(condition::test)
                    : values.stream().anyMatch(condition::test);
            if (matched) {
                return true;
            }
        }
        return false;
    }

    /** Whether a message has any attribute that a filter reads. */
    static boolean filterable(Map<String, MessageAttributeValue> attributes) {
        for (MessageAttributeValue attribute : attributes.values()) {
            if (filterable(attribute)) {
                return true;
            }
        }
        return false;
    }

    private static boolean filterable(MessageAttributeValue attribute) {
        return attribute.stringValue() != null
                && switch (attribute.baseType()) {
                    case "String", "Number", "String.Array" -> true;
                    default -> false;
                };
    }

    /** The values of the named attribute, read once per message; null when it is absent or filtering ignores it. */
    private static @Nullable Values lookup(
            String name, Map<String, MessageAttributeValue> attributes, Map<String, Values> read) {
        Values cached = read.get(name);
        if (cached != null) {
            return cached;
        }
        MessageAttributeValue attribute = attributes.get(name);
        String text = attribute == null ? null : attribute.stringValue();
        if (attribute == null || text == null || !filterable(attribute)) {
            return null;
        }
        Values values =
                switch (attribute.baseType()) {
                    case "String.Array" -> new Values(elements(text), true);
                    case "Number" -> {
                        FieldValue.NumberValue number = ComparableNumber.parseAttribute(text);
                        // A Number that is no number still exists, but matches no value.
                        yield new Values(
                                List.of(number != null ? number : new FieldValue.NumberValue(Double.NaN)), false);
                    }
                    default -> new Values(List.of(new FieldValue.StringValue(text)), false);
                };
        read.put(name, values);
        return values;
    }

    /** The scalar elements of a JSON array, nested arrays flattened and objects skipped; none when it is no array. */
    private static List<FieldValue> elements(String json) {
        List<FieldValue> values = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return List.of();
            }
            int depth = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                switch (token) {
                    case START_ARRAY -> depth++;
                    case END_ARRAY -> depth--;
                    case START_OBJECT -> parser.skipChildren();
                    case VALUE_STRING -> values.add(new FieldValue.StringValue(parser.getText()));
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                        values.add(new FieldValue.NumberValue(parser.getDoubleValue()));
                    case VALUE_TRUE -> values.add(FieldValue.Literal.TRUE);
                    case VALUE_FALSE -> values.add(FieldValue.Literal.FALSE);
                    case VALUE_NULL -> values.add(FieldValue.Literal.NULL);
                    default -> throw new IOException("unexpected token " + token);
                }
            }
            return parser.nextToken() == null ? List.copyOf(values) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}

package dev.wharf.sns.engine.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a filter policy the way AWS does, so that AWS's first error is this one's first error, at the same position.
 *
 * <p>AWS reads the policy twice. First it parses the JSON into a tree and writes it back compactly: that is why its
 * errors quote the policy without the caller's spaces, why a repeated key keeps only its last value, and why numbers come
 * back as Jackson writes doubles ({@code 1e2} becomes {@code 100.0}). Then its matcher's compiler reads that compact text
 * token by token and stops at the first thing it refuses, with Jackson's {@code [Source: ...; line: 1, column: N]}. This
 * class does both, with the same library; {@link MatchExpressionParser} reads the match expressions.
 */
final class PolicyParser {

    private static final String OR = "$or";

    /** The names that AWS's matcher keeps for itself and refuses as property names inside an {@code $or}. */
    private static final Set<String> RESERVED_IN_OR = Set.of(
            "exactly",
            "equals-ignore-case",
            "prefix",
            "suffix",
            "anything-but",
            "exists",
            "wildcard",
            "numeric",
            "cidr",
            "=",
            "<",
            "<=",
            ">",
            ">=",
            "regex",
            "not-wildcard",
            "not-equals-ignore-case",
            "date-after",
            "date-on-or-after",
            "date-before",
            "date-on-or-before",
            "in-date-range",
            "ip-address-in-range",
            "ip-address-not-in-range");

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(FilterPolicyLimits.POLICY_DEPTH_MAX)
                    .build())
            .build();

    private static final ObjectMapper TREE = new ObjectMapper(JSON);

    private final JsonParser parser;
    private final MatchExpressionParser expressions;

    private PolicyParser(JsonParser parser) {
        this.parser = parser;
        this.expressions = new MatchExpressionParser(parser);
    }

    /** Parses and validates a policy's syntax; throws {@link InvalidFilterPolicy} with AWS's reason. */
    static PolicyTree.Group parse(String json) {
        try {
            String compact = compact(json);
            try (JsonParser parser = JSON.createParser(compact)) {
                return new PolicyParser(parser).document();
            }
        } catch (StreamConstraintsException e) {
            throw InvalidFilterPolicy.tooComplex();
        } catch (JsonProcessingException e) {
            throw InvalidFilterPolicy.of(String.valueOf(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /**
     * The policy as AWS passes it to its matcher: parsed and written back without spaces. Unlike AWS, which ignores
     * anything after the first JSON value, content after it is refused.
     */
    private static String compact(String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                return "";
            }
            JsonNode tree = TREE.readTree(parser);
            if (parser.nextToken() != null) {
                throw located(parser, "Trailing content after the filter object is not allowed");
            }
            return TREE.writeValueAsString(tree);
        }
    }

    private PolicyTree.Group document() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw located(parser, "Filter is not an object");
        }
        return object(false);
    }

    /** Reads an object's members; the parser stands on its START_OBJECT. */
    private PolicyTree.Group object(boolean insideOr) throws IOException {
        Map<String, PolicyTree.Member> members = new LinkedHashMap<>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
            String name = parser.currentName();
            members.put(name, name.equals(OR) ? anyOf() : property(name, insideOr));
        }
        if (members.isEmpty()) {
            throw located(parser, "Empty objects are not allowed");
        }
        return new PolicyTree.Group(List.copyOf(members.values()));
    }

    private PolicyTree.Member property(String name, boolean insideOr) throws IOException {
        if (insideOr && RESERVED_IN_OR.contains(name)) {
            throw located(parser, name + " is Ruler reserved fieldName which cannot be used inside " + OR + ".");
        }
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_OBJECT) {
            return new PolicyTree.Nested(name, object(insideOr));
        }
        if (token == JsonToken.START_ARRAY) {
            return new PolicyTree.Leaf(name, conditions());
        }
        throw located(parser, "\"" + name + "\" must be an object or an array");
    }

    private PolicyTree.AnyOf anyOf() throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw located(parser, "It must be an Array followed with " + OR + ".");
        }
        List<PolicyTree.Group> alternatives = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw located(parser, "Only JSON object is allowed in array of " + OR + " relationship.");
            }
            alternatives.add(object(true));
        }
        if (alternatives.size() < 2) {
            throw located(parser, "There must have at least 2 Objects in " + OR + " relationship.");
        }
        return new PolicyTree.AnyOf(List.copyOf(alternatives));
    }

    /** Reads a property's array of values; the parser stands on its START_ARRAY. */
    private List<Condition> conditions() throws IOException {
        List<Condition> conditions = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            conditions.add(
                    switch (token) {
                        case START_OBJECT -> expressions.expression();
                        case VALUE_STRING -> exactString(parser.getText());
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Condition.ExactNumber(expressions.number());
                        case VALUE_TRUE -> new Condition.ExactLiteral(FieldValue.Literal.TRUE);
                        case VALUE_FALSE -> new Condition.ExactLiteral(FieldValue.Literal.FALSE);
                        case VALUE_NULL -> new Condition.ExactLiteral(FieldValue.Literal.NULL);
                        default -> throw located(parser, "Match value must be String, number, true, false, or null");
                    });
        }
        if (conditions.isEmpty()) {
            throw located(parser, "Empty arrays are not allowed");
        }
        return List.copyOf(conditions);
    }

    /** AWS's matcher matches a string that is an IP address as an address, so "::1" also matches "0:0:0:0:0:0:0:1". */
    private static Condition exactString(String text) {
        IpAddress address = IpAddress.parse(text);
        return address != null ? new Condition.Cidr(IpRange.of(address)) : new Condition.ExactString(text);
    }

    /** An error at the parser's position, in the words of Jackson's {@code JsonParseException}, as AWS's are. */
    static InvalidFilterPolicy located(JsonParser parser, String reason) {
        return InvalidFilterPolicy.of(
                String.valueOf(new JsonParseException(parser, reason, parser.currentLocation()).getMessage()));
    }
}

package dev.wharf.sns.engine.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a JSON message body that a policy can test, kept as the JSON nests them, because which array element a
 * value comes from decides whether values of different properties match together.
 *
 * <p>A value's path is its keys from the top joined with dots; arrays add nothing to it. Only subtrees whose path leads
 * to one of the policy's paths are kept, so a large body costs one pass and little memory.
 */
final class MessageBody {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(FilterPolicyLimits.MESSAGE_DEPTH_MAX)
                    .build())
            .build();

    /** A node of the kept body. */
    sealed interface Node {}

    /** A JSON object; values from different members always match together. */
    record ObjectNode(List<Node> members) implements Node {}

    /**
     * A JSON array. Its scalar elements match together with anything, but values from two of its object or array
     * elements never match together: AWS matches a policy's properties against one element at a time.
     */
    record ArrayNode(List<Value> scalars, List<Node> containers) implements Node {}

    /** A leaf value at a path that the policy names. */
    record Value(String path, FieldValue value) implements Node {}

    private final JsonParser parser;
    private final Set<String> paths;
    private final Set<String> prefixes;

    private MessageBody(JsonParser parser, Set<String> paths, Set<String> prefixes) {
        this.parser = parser;
        this.paths = paths;
        this.prefixes = prefixes;
    }

    /**
     * Reads a body, keeping the subtrees that lead to {@code paths}; {@code prefixes} holds those paths and every part
     * of them up to a dot. Returns null when the body is not exactly one JSON object.
     */
    static @Nullable ObjectNode parse(String body, Set<String> paths, Set<String> prefixes) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode root = new MessageBody(parser, paths, prefixes).object("");
            return parser.nextToken() == null ? root : null;
        } catch (IOException e) {
            // Malformed JSON, or JSON nested deeper than Wharf reads: no policy matches such a body.
            return null;
        }
    }

    /** Reads an object's members; the parser stands on its START_OBJECT. */
    private ObjectNode object(String path) throws IOException {
        List<Node> members = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String memberPath = path.isEmpty() ? name : path + "." + name;
            JsonToken token = parser.nextToken();
            if (prefixes.contains(memberPath)) {
                Node member = node(token, memberPath);
                if (member != null) {
                    members.add(member);
                }
            } else {
                parser.skipChildren();
            }
        }
        return new ObjectNode(List.copyOf(members));
    }

    /** Reads an array's elements; the parser stands on its START_ARRAY. */
    private ArrayNode array(String path) throws IOException {
        List<Value> scalars = new ArrayList<>();
        List<Node> containers = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            Node element = node(token, path);
            if (element instanceof Value value) {
                scalars.add(value);
            } else if (element != null) {
                containers.add(element);
            }
        }
        return new ArrayNode(List.copyOf(scalars), List.copyOf(containers));
    }

    /** The node that starts at the current token, or null when it holds nothing that the policy names. */
    private @Nullable Node node(JsonToken token, String path) throws IOException {
        Node node =
                switch (token) {
                    case START_OBJECT -> object(path);
                    case START_ARRAY -> array(path);
                    case VALUE_STRING -> new Value(path, new FieldValue.StringValue(parser.getText()));
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                        new Value(path, new FieldValue.NumberValue(parser.getDoubleValue()));
                    case VALUE_TRUE -> new Value(path, FieldValue.Literal.TRUE);
                    case VALUE_FALSE -> new Value(path, FieldValue.Literal.FALSE);
                    case VALUE_NULL -> new Value(path, FieldValue.Literal.NULL);
                    default -> throw new IOException("unexpected token " + token);
                };
        return switch (node) {
            case Value value -> paths.contains(path) ? value : null;
            case ObjectNode object -> object.members().isEmpty() ? null : object;
            case ArrayNode array ->
                array.scalars().isEmpty() && array.containers().isEmpty() ? null : array;
        };
    }
}

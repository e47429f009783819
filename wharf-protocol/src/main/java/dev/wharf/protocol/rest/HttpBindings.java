package dev.wharf.protocol.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.protocol.model.HttpLocation;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.Shape;
import dev.wharf.protocol.model.ShapeType;
import dev.wharf.protocol.model.TimestampFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The members that the REST protocols bind outside the body: URI labels, headers, prefix headers and query
 * parameters, read from a request and written as response headers, by the model's HTTP bindings. Labels and query
 * values take ISO 8601 timestamps and headers HTTP dates unless a member names its format. Thread-safe.
 */
public final class HttpBindings {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ServiceModel model;
    private final ScalarText.Refusal refusal;

    /**
     * @param refusal makes the protocol's error for a text that is not its member's type
     */
    public HttpBindings(ServiceModel model, ScalarText.Refusal refusal) {
        this.model = model;
        this.refusal = refusal;
    }

    /**
     * Reads the input members that a request binds outside its body into {@code out}.
     *
     * @param query the request's query parameters, decoded
     * @param headers the request's headers by lower-case name
     * @return true when the input has members in the body (bound to the payload or not)
     */
    public boolean read(
            Shape input,
            RestMatch match,
            Map<String, List<String>> query,
            Map<String, List<String>> headers,
            ObjectNode out) {
        boolean body = false;
        for (Member member : input.members().values()) {
            body |= member.location() == HttpLocation.PAYLOAD;
            JsonNode value = value(member, match, query, headers);
            if (value != null) {
                out.set(member.name(), value);
            }
        }
        return body;
    }

    /** The value of one member bound outside the body, or null when the request does not carry it. */
    public @Nullable JsonNode value(
            Member member, RestMatch match, Map<String, List<String>> query, Map<String, List<String>> headers) {
        return switch (member.location()) {
            case PATH, GREEDY_PATH -> label(match, member);
            case HEADER -> header(headers, member);
            case PREFIX_HEADERS -> prefixHeaders(headers, member);
            case QUERY -> queryValue(query, member);
            case STATUS_CODE, PAYLOAD -> null;
        };
    }

    private @Nullable JsonNode label(RestMatch match, Member member) {
        String name = member.locationName();
        if (name == null) {
            return null;
        }
        String value = match.labels().get(name);
        return value == null ? null : typed(name, value, member, TimestampFormat.DATE_TIME);
    }

    private @Nullable JsonNode header(Map<String, List<String>> headers, Member member) {
        String name = member.locationName();
        List<String> values = name == null ? null : headers.get(name.toLowerCase(Locale.ROOT));
        if (name == null || values == null || values.isEmpty()) {
            return null;
        }
        Shape shape = model.shape(member.target());
        if (shape.type() == ShapeType.LIST) {
            Member item = required(shape.member(), shape);
            ArrayNode list = NODES.arrayNode();
            for (String value : values) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        list.add(typed(name, part.strip(), item, TimestampFormat.HTTP_DATE));
                    }
                }
            }
            return list;
        }
        return typed(name, values.get(0), member, TimestampFormat.HTTP_DATE);
    }

    private @Nullable JsonNode prefixHeaders(Map<String, List<String>> headers, Member member) {
        String prefix =
                member.locationName() == null ? "" : member.locationName().toLowerCase(Locale.ROOT);
        ObjectNode map = NODES.objectNode();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.length() > prefix.length()
                    && name.startsWith(prefix)
                    && !header.getValue().isEmpty()) {
                map.put(name.substring(prefix.length()), String.join(",", header.getValue()));
            }
        }
        return map.isEmpty() ? null : map;
    }

    private @Nullable JsonNode queryValue(Map<String, List<String>> query, Member member) {
        String name = member.locationName();
        List<String> values = name == null ? null : query.get(name);
        if (name == null || values == null || values.isEmpty()) {
            return null;
        }
        Shape shape = model.shape(member.target());
        if (shape.type() == ShapeType.MAP) {
            return null;
        }
        if (shape.type() == ShapeType.LIST) {
            Member item = required(shape.member(), shape);
            ArrayNode list = NODES.arrayNode();
            values.forEach(value -> list.add(typed(name, value, item, TimestampFormat.DATE_TIME)));
            return list;
        }
        return typed(name, values.get(0), member, TimestampFormat.DATE_TIME);
    }

    private JsonNode typed(String name, String text, Member member, TimestampFormat locationDefault) {
        TimestampFormat format = member.timestampFormat() == null ? locationDefault : member.timestampFormat();
        return ScalarText.parse(name, text, model.shape(member.target()).type(), format, refusal);
    }

    /** The text of a header member's value: a list's items joined by commas, a timestamp an HTTP date by default. */
    public String headerText(JsonNode value, Member member) {
        Shape shape = model.shape(member.target());
        TimestampFormat format =
                member.timestampFormat() == null ? TimestampFormat.HTTP_DATE : member.timestampFormat();
        if (shape.type() == ShapeType.LIST && value.isArray()) {
            Shape item = model.shape(required(shape.member(), shape).target());
            List<String> parts = new ArrayList<>();
            value.forEach(element -> parts.add(ScalarText.format(element, item.type(), format)));
            return String.join(",", parts);
        }
        return ScalarText.format(value, shape.type(), format);
    }

    /** A collection's member, which a valid model always has. */
    public static Member required(@Nullable Member member, Shape shape) {
        if (member == null) {
            throw new IllegalStateException("the model's " + shape.id() + " lacks a member");
        }
        return member;
    }
}

package dev.wharf.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.Shape;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Decodes AWS Query requests into model-shaped documents and encodes documents as Query XML responses.
 *
 * <p>Names, list and map layouts come from the model's {@code xmlName} and {@code xmlFlattened} traits, so no operation
 * is serialized by hand. Thread-safe.
 */
public final class QueryCodec {

    /** Bounds how many entries one list or map in a request may hold, so a request cannot make the decoder loop. */
    static final int MAX_ENTRIES = 1_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // The JDK's own StAX, never one that a jar on the class path registers (Hadoop's client registers Woodstox).
    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

    private final ServiceModel model;
    private final String xmlNamespace;

    /**
     * @param model the service's model
     * @param xmlNamespace the namespace of the service's Query responses, such as {@code
     *     http://queue.amazonaws.com/doc/2012-11-05/}
     */
    public QueryCodec(ServiceModel model, String xmlNamespace) {
        this.model = model;
        this.xmlNamespace = xmlNamespace;
    }

    /** Decodes the form parameters of an operation's request into a document named as the model names members. */
    public ObjectNode decode(Operation operation, Map<String, List<String>> params) {
        String input = operation.input();
        if (input == null) {
            return NODES.objectNode();
        }
        return decodeStructure(params, "", model.shape(input));
    }

    private ObjectNode decodeStructure(Map<String, List<String>> params, String prefix, Shape shape) {
        ObjectNode out = NODES.objectNode();
        for (Member member : shape.members().values()) {
            Shape target = model.shape(member.target());
            JsonNode value = decodeValue(params, prefix + member.queryName(), member, target);
            if (value == null && !member.queryName().equals(member.name())) {
                // Older Query clients (the SDK v1's TagQueue sends Tags.N.Key) use the member name, and AWS accepts it.
                value = decodeValue(params, prefix + member.name(), member, target);
            }
            if (value != null) {
                out.set(member.name(), value);
            }
        }
        return out;
    }

    private @Nullable JsonNode decodeValue(Map<String, List<String>> params, String key, Member member, Shape shape) {
        return switch (shape.type()) {
            case STRUCTURE -> hasPrefix(params, key + ".") ? decodeStructure(params, key + ".", shape) : null;
            case LIST -> decodeList(params, key, member, shape);
            case MAP -> decodeMap(params, key, member, shape);
            default -> {
                List<String> values = params.get(key);
                yield values == null || values.isEmpty() ? null : scalar(key, values.get(0), shape);
            }
        };
    }

    /**
     * Types one parameter's text as the model types its member, so that bindings get the same document from Query as
     * from JSON and coerce nothing themselves.
     */
    private static JsonNode scalar(String key, String text, Shape shape) {
        return switch (shape.type()) {
            case INTEGER -> {
                Long value = parseLong(text);
                if (value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw invalid(key, text, "must be an integer");
                }
                yield NODES.numberNode(value.intValue());
            }
            case LONG -> {
                Long value = parseLong(text);
                if (value == null) {
                    throw invalid(key, text, "must be a long integer");
                }
                yield NODES.numberNode(value.longValue());
            }
            case BOOLEAN ->
                switch (text.toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> NODES.booleanNode(true);
                    case "false" -> NODES.booleanNode(false);
                    default -> throw invalid(key, text, "must be true or false");
                };
            case DOUBLE -> {
                try {
                    yield NODES.numberNode(new java.math.BigDecimal(text));
                } catch (NumberFormatException e) {
                    throw invalid(key, text, "must be a number");
                }
            }
            case TIMESTAMP -> timestamp(key, text);
            default -> NODES.textNode(text);
        };
    }

    /**
     * Reads an ISO-8601 timestamp (as the SDKs write one: {@code 2026-12-01T21:00:00.000Z}, or with an offset) into epoch
     * seconds, a decimal with up to three places, as the JSON codec hands one over; so bindings read both alike.
     */
    private static JsonNode timestamp(String key, String text) {
        try {
            java.time.Instant instant = java.time.OffsetDateTime.parse(
                            text, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
            return NODES.numberNode(
                    java.math.BigDecimal.valueOf(instant.toEpochMilli(), 3).stripTrailingZeros());
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            throw invalid(key, text, "must be an ISO-8601 timestamp");
        }
    }

    /** Parses an optionally signed run of at most 19 ASCII digits, or returns null. */
    private static @Nullable Long parseLong(String text) {
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (text.length() == start || text.length() - start > 19) {
            return null;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static AwsException invalid(String key, String text, String reason) {
        return CommonError.INVALID_PARAMETER_VALUE.with("Value " + LogText.bounded(text, 64) + " for parameter "
                + LogText.of(key) + " is invalid. Reason: " + reason + ".");
    }

    private @Nullable JsonNode decodeList(Map<String, List<String>> params, String key, Member member, Shape shape) {
        Member item = required(shape.member(), shape);
        String base = member.flattened() ? key : key + "." + nameOr(item, "member");
        Shape itemShape = model.shape(item.target());
        ArrayNode out = NODES.arrayNode();
        for (int i = 1; i <= MAX_ENTRIES; i++) {
            JsonNode value = decodeValue(params, base + "." + i, item, itemShape);
            if (value == null) {
                requireNoEntryAfter(params, base, i, base + "." + i);
                break;
            }
            out.add(value);
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * Refuses entries numbered after a missing one ({@code AttributeName.3} without {@code AttributeName.2}): they would
     * otherwise be dropped without a word.
     */
    private static void requireNoEntryAfter(Map<String, List<String>> params, String base, int missing, String name) {
        String prefix = base + ".";
        for (String key : params.keySet()) {
            if (key.startsWith(prefix) && indexAt(key, prefix.length()) > missing) {
                throw CommonError.MISSING_PARAMETER.with(
                        "The request must contain the parameter " + LogText.of(name) + ".");
            }
        }
    }

    /** The entry number that starts at {@code from} in a parameter name, or -1 when there is none. */
    private static long indexAt(String key, int from) {
        int end = from;
        while (end < key.length() && end - from < 10 && key.charAt(end) >= '0' && key.charAt(end) <= '9') {
            end++;
        }
        boolean whole = end > from && (end == key.length() || key.charAt(end) == '.');
        return whole ? Long.parseLong(key.substring(from, end)) : -1;
    }

    private @Nullable JsonNode decodeMap(Map<String, List<String>> params, String key, Member member, Shape shape) {
        Member keyMember = required(shape.key(), shape);
        Member valueMember = required(shape.value(), shape);
        String base = member.flattened() ? key : key + ".entry";
        Shape valueShape = model.shape(valueMember.target());
        ObjectNode out = NODES.objectNode();
        for (int i = 1; i <= MAX_ENTRIES; i++) {
            String entry = base + "." + i + ".";
            List<String> name = params.get(entry + nameOr(keyMember, "key"));
            if (name == null || name.isEmpty()) {
                // An entry with a value but no name, or entries after this one, would be lost without a word.
                requireNoEntryAfter(params, base, i - 1, entry + nameOr(keyMember, "key"));
                break;
            }
            String valueKey = entry + nameOr(valueMember, "value");
            JsonNode value = decodeValue(params, valueKey, valueMember, valueShape);
            if (value == null) {
                throw CommonError.MISSING_PARAMETER.with(
                        "The request must contain the parameter " + LogText.of(valueKey) + ".");
            }
            out.set(name.get(0), value);
        }
        return out.isEmpty() ? null : out;
    }

    private static boolean hasPrefix(Map<String, List<String>> params, String prefix) {
        for (String name : params.keySet()) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String nameOr(Member member, String fallback) {
        String xmlName = member.xmlName();
        return xmlName == null ? fallback : xmlName;
    }

    private static Member required(@Nullable Member member, Shape shape) {
        if (member == null) {
            throw new IllegalStateException("malformed model: " + shape.id() + " lacks its member");
        }
        return member;
    }

    /** Encodes an operation's result, already shaped by {@link dev.wharf.protocol.model.ModelDocuments}. */
    public WireResponse encode(Operation operation, JsonNode result, String requestId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(operation.name() + "Response");
            xml.writeDefaultNamespace(xmlNamespace);
            String output = operation.output();
            // An output without members is an empty result element; only an operation without output has none.
            if (output != null) {
                xml.writeStartElement(operation.name() + "Result");
                writeMembers(xml, result, model.shape(output));
                xml.writeEndElement();
            }
            xml.writeStartElement("ResponseMetadata");
            writeText(xml, "RequestId", requestId);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return new WireResponse(200, Protocol.AWS_QUERY.responseContentType(), Map.of(), bytes.toByteArray());
    }

    private void writeMembers(XMLStreamWriter xml, JsonNode value, Shape shape) throws XMLStreamException {
        for (Member member : shape.members().values()) {
            JsonNode field = value.get(member.name());
            if (field != null && !field.isNull()) {
                writeValue(xml, member.queryName(), member, model.shape(member.target()), field);
            }
        }
    }

    private void writeValue(XMLStreamWriter xml, String name, Member member, Shape shape, JsonNode value)
            throws XMLStreamException {
        switch (shape.type()) {
            case STRUCTURE -> {
                xml.writeStartElement(name);
                writeMembers(xml, value, shape);
                xml.writeEndElement();
            }
            case LIST -> writeList(xml, name, member, shape, value);
            case MAP -> writeMap(xml, name, member, shape, value);
            case TIMESTAMP -> writeText(xml, name, value.isNumber() ? isoTimestamp(value) : value.asText());
            default -> writeText(xml, name, value.asText());
        }
    }

    /** A timestamp held as epoch seconds (as bindings make results) in the ISO-8601 form that Query answers carry. */
    private static String isoTimestamp(JsonNode epochSeconds) {
        return java.time.Instant.ofEpochMilli(
                        epochSeconds.decimalValue().scaleByPowerOfTen(3).longValue())
                .toString();
    }

    private void writeList(XMLStreamWriter xml, String name, Member member, Shape shape, JsonNode value)
            throws XMLStreamException {
        Member item = required(shape.member(), shape);
        Shape itemShape = model.shape(item.target());
        if (member.flattened()) {
            for (JsonNode element : value) {
                writeValue(xml, name, item, itemShape, element);
            }
            return;
        }
        xml.writeStartElement(name);
        for (JsonNode element : value) {
            writeValue(xml, nameOr(item, "member"), item, itemShape, element);
        }
        xml.writeEndElement();
    }

    private void writeMap(XMLStreamWriter xml, String name, Member member, Shape shape, JsonNode value)
            throws XMLStreamException {
        Member keyMember = required(shape.key(), shape);
        Member valueMember = required(shape.value(), shape);
        Shape valueShape = model.shape(valueMember.target());
        if (!member.flattened()) {
            xml.writeStartElement(name);
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            xml.writeStartElement(member.flattened() ? name : "entry");
            writeText(xml, nameOr(keyMember, "key"), entry.getKey());
            writeValue(xml, nameOr(valueMember, "value"), valueMember, valueShape, entry.getValue());
            xml.writeEndElement();
        }
        if (!member.flattened()) {
            xml.writeEndElement();
        }
    }

    private static void writeText(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlSafe(text));
        xml.writeEndElement();
    }

    /**
     * Replaces each character that XML 1.0 cannot carry at all, not even as a reference (most control characters, lone
     * surrogates, U+FFFE and U+FFFF), with U+FFFD, so that a response is well-formed whatever text it repeats.
     */
    static String xmlSafe(String text) {
        return dev.wharf.protocol.ReplacementText.replacing(
                text,
                c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD));
    }

    /** Encodes an error as the Query protocol's {@code ErrorResponse}. */
    public static WireResponse encodeError(AwsErrorCode code, String message, String requestId, String xmlNamespace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("ErrorResponse");
            xml.writeDefaultNamespace(xmlNamespace);
            xml.writeStartElement("Error");
            writeText(xml, "Type", code.senderFault() ? "Sender" : "Receiver");
            writeText(xml, "Code", code.queryCode());
            writeText(xml, "Message", message);
            xml.writeEmptyElement("Detail");
            xml.writeEndElement();
            writeText(xml, "RequestId", requestId);
            xml.writeEndElement();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return new WireResponse(
                code.httpStatus(), Protocol.AWS_QUERY.responseContentType(), Map.of(), bytes.toByteArray());
    }
}

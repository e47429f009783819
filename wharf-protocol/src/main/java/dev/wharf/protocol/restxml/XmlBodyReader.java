package dev.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.protocol.model.HttpLocation;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.Shape;
import dev.wharf.protocol.model.ShapeType;
import dev.wharf.protocol.model.TimestampFormat;
import dev.wharf.protocol.rest.HttpBindings;
import dev.wharf.protocol.rest.ScalarText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads an XML request body into a document by the model, with a bounded size and depth and a StAX parser that reads
 * no DTD and resolves no entity, so that a body can neither expand nor reach outside. The body is read whole (it is
 * small by its bound) before it is parsed.
 *
 * <p>Lists are read flattened (one element per item, named by the member) or wrapped (items named by the list's member,
 * {@code member} by default), maps likewise with {@code entry}, {@code key} and {@code value}; elements that the shape
 * does not have are skipped. Thread-safe.
 */
final class XmlBodyReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final XMLInputFactory FACTORY = securedFactory();
    /** Bounds how deep structures may nest, so that a recursive shape cannot make the reader recurse without end. */
    private static final int MAX_DEPTH = 32;

    private final ServiceModel model;
    private final int maxBytes;
    /** Each structure's body members by element name, built on first use. */
    private final Map<String, Map<String, Member>> elements = new ConcurrentHashMap<>();

    XmlBodyReader(ServiceModel model, int maxBytes) {
        this.model = model;
        this.maxBytes = maxBytes;
    }

    private static XMLInputFactory securedFactory() {
        // The JDK's own StAX, never one that a jar on the class path registers (Hadoop's client registers Woodstox).
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /**
     * Reads a body whose root element is {@code shape} (a structure, whose children are its body members, or a scalar,
     * whose text is its value); null when the body is empty.
     *
     * @throws AwsException {@code MaxMessageLengthExceeded} for a body over the bound, {@code MalformedXML} for one that
     *     is not well-formed or not of the shape's types, or the client's error that the body's stream showed
     */
    @Nullable
    JsonNode read(InputStream body, long contentLength, Shape shape) {
        byte[] bytes = readBounded(body, contentLength, maxBytes);
        if (bytes.length == 0) {
            return null;
        }
        try {
            XMLStreamReader xml;
            // The JDK's factory may hand a closed reader out again, which two threads must not race for; the body is
            // in memory, so creating a reader (which reads its prolog) never waits on a client under this lock.
            synchronized (FACTORY) {
                xml = FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
            }
            try {
                toRoot(xml);
                JsonNode value = shape.type() == ShapeType.STRUCTURE
                        ? readStructure(xml, shape, 0)
                        : scalar(xml.getLocalName(), xml.getElementText(), shape);
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.DTD) {
                        throw RestXmlError.MALFORMED_XML.exception();
                    }
                }
                return value;
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw RestXmlError.MALFORMED_XML.exception();
        }
    }

    /**
     * Reads a whole body of at most {@code maxBytes}, which bounds what a request can make the server hold.
     *
     * @throws AwsException {@code MaxMessageLengthExceeded} for a longer body, or the client's error that the body's
     *     stream showed (a bad chunk signature)
     */
    static byte[] readBounded(InputStream body, long contentLength, int maxBytes) {
        if (contentLength > maxBytes) {
            throw RestXmlError.MAX_MESSAGE_LENGTH_EXCEEDED.exception();
        }
        try {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw RestXmlError.MAX_MESSAGE_LENGTH_EXCEEDED.exception();
            }
            return bytes;
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof AwsException aws) {
                    throw aws;
                }
            }
            throw new UncheckedIOException(e);
        }
    }

    private static void toRoot(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw RestXmlError.MALFORMED_XML.exception();
            }
        }
        throw RestXmlError.MALFORMED_XML.exception();
    }

    /** Reads the structure whose start element the reader is on, up to and with its end element. */
    private ObjectNode readStructure(XMLStreamReader xml, Shape shape, int depth) throws XMLStreamException {
        if (depth > MAX_DEPTH) {
            throw RestXmlError.MALFORMED_XML.exception();
        }
        ObjectNode out = NODES.objectNode();
        Map<String, Member> byElement = elementsOf(shape);
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            Member member = byElement.get("@" + xml.getAttributeLocalName(i));
            if (member != null) {
                out.set(member.name(), scalar(member.name(), xml.getAttributeValue(i), model.shape(member.target())));
            }
        }
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return out;
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.DTD) {
                throw RestXmlError.MALFORMED_XML.exception();
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            Member member = byElement.get(xml.getLocalName());
            if (member == null) {
                skip(xml);
                continue;
            }
            readMember(xml, member, out, depth);
        }
    }

    private void readMember(XMLStreamReader xml, Member member, ObjectNode out, int depth) throws XMLStreamException {
        Shape shape = model.shape(member.target());
        switch (shape.type()) {
            case LIST -> {
                Member item = HttpBindings.required(shape.member(), shape);
                Shape itemShape = model.shape(item.target());
                ArrayNode list =
                        out.has(member.name()) ? (ArrayNode) out.get(member.name()) : out.putArray(member.name());
                if (member.flattened()) {
                    list.add(readValue(xml, item.name(), itemShape, depth));
                } else {
                    readWrappedList(xml, nameOr(item, "member"), itemShape, list, depth);
                }
            }
            case MAP -> {
                ObjectNode map =
                        out.has(member.name()) ? (ObjectNode) out.get(member.name()) : out.putObject(member.name());
                if (member.flattened()) {
                    readEntry(xml, shape, map, depth);
                } else {
                    readWrappedMap(xml, shape, map, depth);
                }
            }
            default -> out.set(member.name(), readValue(xml, member.name(), shape, depth));
        }
    }

    private JsonNode readValue(XMLStreamReader xml, String name, Shape shape, int depth) throws XMLStreamException {
        return switch (shape.type()) {
            case STRUCTURE -> readStructure(xml, shape, depth + 1);
            case LIST, MAP -> {
                // A list of lists is not REST-XML that S3 sends; read it as an object of its one member.
                ObjectNode holder = NODES.objectNode();
                Member synthetic = new Member(name, shape.id(), null, false, false);
                readMember(xml, synthetic, holder, depth + 1);
                yield holder.path(name);
            }
            default -> scalar(name, xml.getElementText(), shape);
        };
    }

    private void readWrappedList(XMLStreamReader xml, String itemName, Shape itemShape, ArrayNode list, int depth)
            throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (xml.getLocalName().equals(itemName)) {
                    list.add(readValue(xml, itemName, itemShape, depth));
                } else {
                    skip(xml);
                }
            }
        }
    }

    private void readWrappedMap(XMLStreamReader xml, Shape shape, ObjectNode map, int depth) throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (xml.getLocalName().equals("entry")) {
                    readEntry(xml, shape, map, depth);
                } else {
                    skip(xml);
                }
            }
        }
    }

    /** Reads one map entry, the element the reader is on, holding a key and a value element. */
    private void readEntry(XMLStreamReader xml, Shape shape, ObjectNode map, int depth) throws XMLStreamException {
        Member keyMember = HttpBindings.required(shape.key(), shape);
        Member valueMember = HttpBindings.required(shape.value(), shape);
        String keyName = nameOr(keyMember, "key");
        String valueName = nameOr(valueMember, "value");
        String key = null;
        JsonNode value = null;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (xml.getLocalName().equals(keyName)) {
                key = xml.getElementText();
            } else if (xml.getLocalName().equals(valueName)) {
                value = readValue(xml, valueName, model.shape(valueMember.target()), depth);
            } else {
                skip(xml);
            }
        }
        if (key == null || value == null) {
            throw RestXmlError.MALFORMED_XML.exception();
        }
        map.set(key, value);
    }

    /** Skips the element the reader is on, with everything in it. */
    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int open = 1;
        while (open > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                open++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                open--;
            }
        }
    }

    private static JsonNode scalar(String name, String text, Shape shape) {
        return ScalarText.parse(
                name,
                text,
                shape.type(),
                TimestampFormat.DATE_TIME,
                (n, t, expected) -> RestXmlError.MALFORMED_XML.exception());
    }

    /** A structure's body members by element name, and its attribute members by {@code @} and attribute name. */
    private Map<String, Member> elementsOf(Shape shape) {
        return elements.computeIfAbsent(shape.id(), id -> {
            Map<String, Member> index = new HashMap<>();
            for (Member member : shape.members().values()) {
                if (member.location() != HttpLocation.PAYLOAD) {
                    continue;
                }
                String name = member.queryName();
                index.put(member.xmlAttribute() ? "@" + name.substring(name.indexOf(':') + 1) : name, member);
            }
            return index;
        });
    }

    static String nameOr(Member member, String fallback) {
        String xmlName = member.xmlName();
        return xmlName == null ? fallback : xmlName;
    }
}

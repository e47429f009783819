package dev.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.protocol.ReplacementText;
import dev.wharf.protocol.model.HttpLocation;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.Shape;
import dev.wharf.protocol.model.TimestampFormat;
import dev.wharf.protocol.rest.HttpBindings;
import dev.wharf.protocol.rest.ScalarText;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a document as an XML body by the model: members in model order, lists flattened or wrapped, attributes where
 * the model puts them, timestamps in ISO 8601 to the millisecond unless the model says otherwise. Thread-safe.
 */
final class XmlBodyWriter {

    // The JDK's own StAX, never one that a jar on the class path registers (Hadoop's client registers Woodstox).
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final ServiceModel model;

    XmlBodyWriter(ServiceModel model) {
        this.model = model;
    }

    /**
     * Writes {@code value} as the root element {@code root} in {@code namespace}: a structure's body members as its
     * children, or a scalar as its text.
     */
    byte[] write(String root, JsonNode value, Shape shape, String namespace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root);
            xml.writeDefaultNamespace(namespace);
            if (shape.type() == dev.wharf.protocol.model.ShapeType.STRUCTURE) {
                writeMembers(xml, value, shape);
            } else {
                xml.writeCharacters(xmlSafe(ScalarText.format(value, shape.type(), TimestampFormat.DATE_TIME)));
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return bytes.toByteArray();
    }

    /** Writes a structure's attributes, then its body members; the element is open. */
    private void writeMembers(XMLStreamWriter xml, JsonNode value, Shape shape) throws XMLStreamException {
        for (Member member : shape.members().values()) {
            JsonNode field = value.get(member.name());
            if (member.xmlAttribute() && field != null && !field.isNull()) {
                writeAttribute(xml, member, field);
            }
        }
        for (Member member : shape.members().values()) {
            JsonNode field = value.get(member.name());
            if (member.location() == HttpLocation.PAYLOAD
                    && !member.xmlAttribute()
                    && field != null
                    && !field.isNull()) {
                writeValue(xml, member.queryName(), member, model.shape(member.target()), field);
            }
        }
    }

    private void writeAttribute(XMLStreamWriter xml, Member member, JsonNode field) throws XMLStreamException {
        String name = member.queryName();
        String text =
                xmlSafe(ScalarText.format(field, model.shape(member.target()).type(), TimestampFormat.DATE_TIME));
        int colon = name.indexOf(':');
        if (colon > 0 && name.substring(0, colon).equals("xsi")) {
            // S3's Grantee carries xsi:type, whose prefix must be bound on the element that uses it.
            xml.writeNamespace("xsi", XSI);
            xml.writeAttribute("xsi", XSI, name.substring(colon + 1), text);
        } else {
            xml.writeAttribute(name, text);
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
            default -> {
                TimestampFormat format =
                        member.timestampFormat() == null ? TimestampFormat.DATE_TIME : member.timestampFormat();
                writeText(xml, name, ScalarText.format(value, shape.type(), format));
            }
        }
    }

    private void writeList(XMLStreamWriter xml, String name, Member member, Shape shape, JsonNode value)
            throws XMLStreamException {
        Member item = HttpBindings.required(shape.member(), shape);
        Shape itemShape = model.shape(item.target());
        if (member.flattened()) {
            for (JsonNode element : value) {
                writeValue(xml, name, item, itemShape, element);
            }
            return;
        }
        xml.writeStartElement(name);
        for (JsonNode element : value) {
            writeValue(xml, XmlBodyReader.nameOr(item, "member"), item, itemShape, element);
        }
        xml.writeEndElement();
    }

    private void writeMap(XMLStreamWriter xml, String name, Member member, Shape shape, JsonNode value)
            throws XMLStreamException {
        Member keyMember = HttpBindings.required(shape.key(), shape);
        Member valueMember = HttpBindings.required(shape.value(), shape);
        Shape valueShape = model.shape(valueMember.target());
        if (!member.flattened()) {
            xml.writeStartElement(name);
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            xml.writeStartElement(member.flattened() ? name : "entry");
            writeText(xml, XmlBodyReader.nameOr(keyMember, "key"), entry.getKey());
            writeValue(xml, XmlBodyReader.nameOr(valueMember, "value"), valueMember, valueShape, entry.getValue());
            xml.writeEndElement();
        }
        if (!member.flattened()) {
            xml.writeEndElement();
        }
    }

    static void writeText(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlSafe(text));
        xml.writeEndElement();
    }

    /**
     * Replaces each character that XML 1.0 cannot carry at all (most control characters, lone surrogates, U+FFFE and
     * U+FFFF) with U+FFFD, so that a response is well-formed whatever text it repeats.
     */
    static String xmlSafe(String text) {
        return ReplacementText.replacing(
                text,
                c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD));
    }
}

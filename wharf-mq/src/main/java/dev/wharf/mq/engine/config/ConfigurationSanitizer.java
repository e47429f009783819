package dev.wharf.mq.engine.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates and sanitizes an activemq.xml as Amazon MQ does: the elements, attributes and child collections that its
 * schema for ActiveMQ 5.18 permits (the table resource {@code activemq-5.18.schema}) are kept, the others removed with a
 * warning each. Parsing refuses DTDs and external entities. Thread-safe.
 */
public final class ConfigurationSanitizer {
    private static final String DEPTH_PROPERTY = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
    private final ConfigurationSchema schema;

    public ConfigurationSanitizer() {
        this(ConfigurationSchema.activeMq518());
    }

    ConfigurationSanitizer(ConfigurationSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    public Sanitized sanitize(String xml) {
        if (xml.length() <= 1048576 && xml.getBytes(StandardCharsets.UTF_8).length <= 1048576) {
            return this.sanitize(new InputSource(new StringReader(xml)));
        } else {
            throw new ConfigurationRejected(
                    "The specified XML configuration data is invalid: the document is larger than 1048576 bytes.",
                    "data");
        }
    }

    public Sanitized sanitize(byte[] xml) {
        if (xml.length > 1048576) {
            throw new ConfigurationRejected(
                    "The specified XML configuration data is invalid: the document is larger than 1048576 bytes.",
                    "data");
        } else {
            return this.sanitize(new InputSource(new ByteArrayInputStream(xml)));
        }
    }

    private Sanitized sanitize(InputSource source) {
        Document document = parse(source);
        Element root = document.getDocumentElement();
        if (inCore(root) && "broker".equals(root.getLocalName())) {
            List<SanitizationWarning> warnings = new ArrayList<>();
            ConfigurationSchema.Element broker = Objects.requireNonNull(this.schema.element("broker"));
            this.sanitize(root, broker, warnings);
            List<String> errors = new ArrayList<>();
            this.validate(root, broker, errors);
            if (!errors.isEmpty()) {
                throw ConfigurationRejected.invalidData(String.join(" and ", errors));
            } else {
                return new Sanitized(XmlText.write(document), warnings);
            }
        } else {
            throw ConfigurationRejected.invalidData(
                    "cvc-elt.1.a: Cannot find the declaration of element '" + root.getTagName() + "'.");
        }
    }

    private static Document parse(InputSource source) {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new ConfigurationSanitizer.Refusing());
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entities are refused.");
            });
            return builder.parse(source);
        } catch (SAXException e) {
            throw ConfigurationRejected.invalidData(Objects.requireNonNullElse(e.getMessage(), "not XML."));
        } catch (IOException e) {
            throw ConfigurationRejected.invalidData(Objects.requireNonNullElse(e.getMessage(), "not readable."));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setCoalescing(true);
        factory.setExpandEntityReferences(false);
        factory.setXIncludeAware(false);
        factory.setFeature("http://javax.xml.XMLConstants/feature/secure-processing", true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute("http://javax.xml.XMLConstants/property/accessExternalDTD", "");
        factory.setAttribute("http://javax.xml.XMLConstants/property/accessExternalSchema", "");
        factory.setAttribute(DEPTH_PROPERTY, String.valueOf(64));
        return factory;
    }

    private void sanitize(Element element, ConfigurationSchema.Element rule, List<SanitizationWarning> warnings) {
        sanitizeAttributes(element, rule, warnings);

        for (Element child : childElements(element)) {
            ConfigurationSchema.Collection collection =
                    inCore(child) ? rule.collections().get(child.getLocalName()) : null;
            if (collection == null) {
                remove(child, warnings);
            } else {
                sanitizeAttributes(child, null, warnings);

                for (Element grandchild : childElements(child)) {
                    ConfigurationSchema.Element childRule = collection.count() != ConfigurationSchema.Count.WILDCARD
                                    && inCore(grandchild)
                                    && collection.children().contains(grandchild.getLocalName())
                            ? this.schema.element(grandchild.getLocalName())
                            : null;
                    if (childRule == null) {
                        remove(grandchild, warnings);
                    } else {
                        this.sanitize(grandchild, childRule, warnings);
                    }
                }
            }
        }
    }

    private static void sanitizeAttributes(
            Element element, ConfigurationSchema.@Nullable Element rule, List<SanitizationWarning> warnings) {
        for (Attr attribute : XmlText.sortedAttributes(element)) {
            if (!"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                SanitizationWarning.Reason reason = null;
                if (attribute.getNamespaceURI() != null
                        || rule == null
                        || !rule.attributes().containsKey(attribute.getLocalName())) {
                    reason = SanitizationWarning.Reason.DISALLOWED_ATTRIBUTE_REMOVED;
                } else if (dynamic(attribute.getValue())) {
                    reason = SanitizationWarning.Reason.INVALID_ATTRIBUTE_VALUE_REMOVED;
                }

                if (reason != null) {
                    element.removeAttributeNode(attribute);
                    warnings.add(SanitizationWarning.attribute(attribute.getName(), localName(element), reason));
                }
            }
        }
    }

    private static boolean dynamic(String value) {
        return value.contains("${") || value.contains("#{");
    }

    private static void remove(Element element, List<SanitizationWarning> warnings) {
        Objects.requireNonNull(element.getParentNode()).removeChild(element);
        warnings.add(SanitizationWarning.element(localName(element)));
    }

    private void validate(Element element, ConfigurationSchema.Element rule, List<String> errors) {
        checkText(element, rule.empty(), errors);

        for (Attr attribute : XmlText.sortedAttributes(element)) {
            AttributeType type =
                    attribute.getNamespaceURI() == null ? rule.attributes().get(attribute.getLocalName()) : null;
            if (type != null) {
                add(errors, type.errors(attribute.getValue(), attribute.getLocalName(), localName(element)));
            }
        }

        List<String> present = new ArrayList<>();

        for (Element child : childElements(element)) {
            ConfigurationSchema.Collection collection =
                    Objects.requireNonNull(rule.collections().get(child.getLocalName()));
            present.add(collection.name());
            checkText(child, false, errors);
            List<Element> grandchildren = childElements(child);
            if (collection.count() == ConfigurationSchema.Count.AT_MOST_ONE && grandchildren.size() > 1) {
                add(
                        errors,
                        List.of("cvc-complex-type.2.4.d: Invalid content was found starting with element '"
                                + localName(grandchildren.get(1))
                                + "'. No child element is expected at this point."));
            }

            if (collection.count() == ConfigurationSchema.Count.AT_LEAST_ONE && grandchildren.isEmpty()) {
                add(errors, List.of(incomplete(child.getLocalName(), collection.children())));
            }

            for (Element grandchild : grandchildren) {
                this.validate(
                        grandchild, Objects.requireNonNull(this.schema.element(grandchild.getLocalName())), errors);
            }
        }

        for (ConfigurationSchema.Collection collection : rule.collections().values()) {
            if (collection.count() == ConfigurationSchema.Count.AT_LEAST_ONE && !present.contains(collection.name())) {
                add(errors, List.of(incomplete(localName(element), List.of(collection.name()))));
            }
        }

        for (ConfigurationSchema.Constraint constraint : rule.constraints()) {
            checkConstraint(element, constraint, errors);
        }
    }

    private static void checkText(Element element, boolean empty, List<String> errors) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if ((node.getNodeType() == 3 || node.getNodeType() == 4)
                    && !node.getNodeValue().isBlank()) {
                String name = localName(element);
                add(
                        errors,
                        List.of(
                                empty
                                        ? "cvc-complex-type.2.1: Element '"
                                                + name
                                                + "' must have no character or element information item [children], because the type's content type is empty."
                                        : "cvc-complex-type.2.3: Element '" + name
                                                + "' cannot have character [children], because the type's content type is element-only."));
                return;
            }
        }
    }

    private static String incomplete(String element, List<String> expected) {
        List<String> names = new ArrayList<>(expected.size());

        for (String name : expected) {
            names.add("\"http://activemq.apache.org/schema/core\":" + name);
        }

        return "cvc-complex-type.2.4.b: The content of element '" + element + "' is not complete. One of '{"
                + String.join(", ", names) + "}' is expected.";
    }

    private static void checkConstraint(Element owner, ConfigurationSchema.Constraint constraint, List<String> errors) {
        if (constraint.collection() == null) {
            checkScope(localName(owner), descendants(owner, constraint.element()), constraint, errors);
        } else {
            for (Element scope : childElements(owner)) {
                if (scope.getLocalName().equals(constraint.collection())) {
                    List<Element> selected = new ArrayList<>();

                    for (Element child : childElements(scope)) {
                        if (child.getLocalName().equals(constraint.element())) {
                            selected.add(child);
                        }
                    }

                    checkScope(localName(scope), selected, constraint, errors);
                }
            }
        }
    }

    private static void checkScope(
            String scopeName, List<Element> selected, ConfigurationSchema.Constraint constraint, List<String> errors) {
        List<String> seen = new ArrayList<>();

        for (Element element : selected) {
            if (!element.hasAttribute(constraint.attribute())) {
                if (constraint.key()) {
                    add(
                            errors,
                            List.of("cvc-identity-constraint.4.2.1.a: Element \"" + scopeName
                                    + "\" has no value for the key \"" + constraint.name() + "\"."));
                }
            } else {
                String value = element.getAttribute(constraint.attribute());
                if (seen.contains(value)) {
                    add(
                            errors,
                            List.of(
                                    constraint.key()
                                            ? "cvc-identity-constraint.4.2.2: Duplicate key value ["
                                                    + value
                                                    + "] declared for identity constraint \""
                                                    + constraint.name()
                                                    + "\" of element \""
                                                    + scopeName
                                                    + "\"."
                                            : "cvc-identity-constraint.4.1: Duplicate unique value ["
                                                    + value
                                                    + "] declared for identity constraint \""
                                                    + constraint.name()
                                                    + "\" of element \""
                                                    + scopeName
                                                    + "\"."));
                } else {
                    seen.add(value);
                }
            }
        }
    }

    private static List<Element> descendants(Element owner, String name) {
        NodeList nodes = owner.getElementsByTagNameNS("http://activemq.apache.org/schema/core", name);
        List<Element> elements = new ArrayList<>(nodes.getLength());

        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }

        return elements;
    }

    private static void add(List<String> errors, List<String> found) {
        for (String error : found) {
            if (errors.size() < 10) {
                errors.add(error);
            }
        }
    }

    private static List<Element> childElements(Element element) {
        List<Element> children = new ArrayList<>();

        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                children.add(child);
            }
        }

        return children;
    }

    private static boolean inCore(Element element) {
        return "http://activemq.apache.org/schema/core".equals(element.getNamespaceURI());
    }

    private static String localName(Element element) {
        return Objects.requireNonNullElse(element.getLocalName(), element.getTagName());
    }

    private static final class Refusing implements ErrorHandler {
        @Override
        public void warning(SAXParseException exception) {}

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    }
}

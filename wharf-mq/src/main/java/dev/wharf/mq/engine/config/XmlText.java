package dev.wharf.mq.engine.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.w3c.dom.Attr;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

final class XmlText {
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private XmlText() {}

    static String write(Document document) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");

        for (Node node = document.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                element(element, out);
                out.append('\n');
            } else if (node instanceof Comment comment) {
                comment(comment, out);
                out.append('\n');
            }
        }

        return out.toString();
    }

    private static void element(Element element, StringBuilder out) {
        out.append('<').append(element.getTagName());

        for (Attr attribute : sortedAttributes(element)) {
            out.append(' ').append(attribute.getName()).append("=\"");
            escape(attribute.getValue(), true, out);
            out.append('"');
        }

        if (!element.hasChildNodes()) {
            out.append("/>");
        } else {
            out.append('>');

            for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
                switch (node.getNodeType()) {
                    case Node.ELEMENT_NODE -> element((Element) node, out);
                    case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> escape(node.getNodeValue(), false, out);
                    case Node.COMMENT_NODE -> comment((Comment) node, out);
                    default -> {
                        // Attributes, entity references and processing instructions are not written.
                    }
                }
            }

            out.append("</").append(element.getTagName()).append('>');
        }
    }

    static List<Attr> sortedAttributes(Element element) {
        NamedNodeMap map = element.getAttributes();
        List<Attr> attributes = new ArrayList<>(map.getLength());

        for (int i = 0; i < map.getLength(); i++) {
            attributes.add((Attr) map.item(i));
        }

        attributes.sort(Comparator.comparing(Attr::getName));
        return attributes;
    }

    private static void comment(Comment comment, StringBuilder out) {
        out.append("<!--").append(comment.getData()).append("-->");
    }

    private static void escape(String text, boolean attribute, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
    }
}

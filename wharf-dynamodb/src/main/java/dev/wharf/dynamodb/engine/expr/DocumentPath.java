package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A document path: an attribute's name, then map keys and list indexes into its value, as {@code a.b[0].c} writes it
 * once its placeholders are resolved.
 */
public record DocumentPath(List<Element> elements) {

    public DocumentPath {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.getFirst() instanceof Element.Name)) {
            throw new IllegalArgumentException("a document path starts with an attribute's name");
        }
    }

    /** A path of one top-level attribute. */
    public static DocumentPath of(String attribute) {
        return new DocumentPath(List.of(new Element.Name(attribute)));
    }

    /** One step of a path. */
    public sealed interface Element permits Element.Name, Element.Index {

        /** A map key, or the attribute's name as the first element. */
        record Name(String name) implements Element {
            @Override
            public String toString() {
                return name;
            }
        }

        /** A list index. */
        record Index(int index) implements Element {
            @Override
            public String toString() {
                return "[" + index + "]";
            }
        }
    }

    /** The top-level attribute the path starts at. */
    public String attribute() {
        return ((Element.Name) elements.getFirst()).name();
    }

    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** This path without its last element; only for a nested path. */
    DocumentPath parent() {
        return new DocumentPath(elements.subList(0, elements.size() - 1));
    }

    Element last() {
        return elements.getLast();
    }

    DocumentPath child(Element element) {
        List<Element> longer = new ArrayList<>(elements);
        longer.add(element);
        return new DocumentPath(longer);
    }

    /** The value at this path in the item, or null where the item has none. */
    public @Nullable Value get(Item item) {
        Value value = item.get(attribute());
        for (int i = 1; i < elements.size() && value != null; i++) {
            value = step(value, elements.get(i));
        }
        return value;
    }

    /** The value one step into a map or list, or null when there is none there. */
    static @Nullable Value step(Value value, Element element) {
        if (element instanceof Element.Name name && value instanceof Value.M map) {
            return map.values().get(name.name());
        }
        if (element instanceof Element.Index index && value instanceof Value.L list) {
            return index.index() < list.values().size() ? list.values().get(index.index()) : null;
        }
        return null;
    }

    /** How two paths of one expression meet, which DynamoDB refuses when they do. */
    enum Clash {
        NONE,
        /** One path is the other or lies inside it. */
        OVERLAP,
        /** At some step one path takes a map key and the other a list index. */
        CONFLICT
    }

    Clash clash(DocumentPath other) {
        int common = Math.min(elements.size(), other.elements.size());
        for (int i = 0; i < common; i++) {
            Element mine = elements.get(i);
            Element theirs = other.elements.get(i);
            if (mine.getClass() != theirs.getClass()) {
                return Clash.CONFLICT;
            }
            if (!mine.equals(theirs)) {
                return Clash.NONE;
            }
        }
        return Clash.OVERLAP;
    }

    /** The path as DynamoDB shows it in its messages: {@code [a, b, [0]]}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(elements.size());
        for (Element element : elements) {
            parts.add(element.toString());
        }
        return "[" + String.join(", ", parts) + "]";
    }
}

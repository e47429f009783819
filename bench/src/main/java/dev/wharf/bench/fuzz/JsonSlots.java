package dev.wharf.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The places in a JSON document where a mutation can put a value: every member and every list element. */
final class JsonSlots {

    /** Bounds the walk, so that a large document (a big batch) cannot make the generator slow. */
    private static final int SLOTS_MAX = 10_000;

    /**
     * One place: a member of an object ({@code field} set) or an element of an array ({@code index} set).
     *
     * @param depth 1 for the members of the document itself
     */
    record Slot(JsonNode parent, @Nullable String field, int index, JsonNode value, int depth) {

        void set(JsonNode replacement) {
            if (parent instanceof ObjectNode object && field != null) {
                object.set(field, replacement);
            } else if (parent instanceof ArrayNode array) {
                array.set(index, replacement);
            }
        }

        /** The member name this value belongs to: its own, or the array's for an element. */
        String name(ObjectNode root) {
            if (field != null) {
                return field;
            }
            String owner = ownerName(root, parent);
            return owner == null ? "" : owner;
        }
    }

    private JsonSlots() {}

    static List<Slot> all(ObjectNode root) {
        List<Slot> slots = new ArrayList<>();
        walk(root, 1, slots);
        return slots;
    }

    static List<Slot> matching(ObjectNode root, Predicate<Slot> test) {
        List<Slot> out = new ArrayList<>();
        for (Slot slot : all(root)) {
            if (test.test(slot)) {
                out.add(slot);
            }
        }
        return out;
    }

    private static void walk(JsonNode node, int depth, List<Slot> out) {
        if (out.size() >= SLOTS_MAX) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                out.add(new Slot(object, member.getKey(), -1, member.getValue(), depth));
                walk(member.getValue(), depth + 1, out);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                out.add(new Slot(array, null, i, array.get(i), depth));
                walk(array.get(i), depth + 1, out);
            }
        }
    }

    /** The member whose value is {@code target}, found by identity: equal values elsewhere are other slots. */
    @SuppressWarnings("ReferenceEquality")
    private static @Nullable String ownerName(JsonNode node, JsonNode target) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                if (member.getValue() == target) {
                    return member.getKey();
                }
                String found = ownerName(member.getValue(), target);
                if (found != null) {
                    return found;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                String found = ownerName(element, target);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}

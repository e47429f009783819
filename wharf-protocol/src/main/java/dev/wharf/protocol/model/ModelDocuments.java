package dev.wharf.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Shapes documents by a model: renames members to the model's exact names and drops what the wire never carries.
 *
 * <p>Bindings turn Java records into trees whose names start lower-case; this puts every name back as the model spells
 * it ({@code MD5OfMessageBody}, {@code tags}) and drops nulls, members the shape does not have, and (unless asked to
 * keep them) empty collections, as AWS omits them. Every codec encodes only what this returns.
 */
public final class ModelDocuments {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ServiceModel model;
    private final boolean keepEmptyCollections;
    /** Each structure's members by lower-cased name, built on first use: shaping runs for every response. */
    private final Map<String, Map<String, Member>> membersByLowerName = new ConcurrentHashMap<>();

    /** Documents that drop empty lists and maps, as the Query services' answers leave them out. */
    public ModelDocuments(ServiceModel model) {
        this(model, false);
    }

    /**
     * @param keepEmptyCollections whether an empty list or map stays in the document, as the JSON services that answer
     *     {@code "Shards": []} send it (Kinesis); otherwise it is dropped like a null
     */
    public ModelDocuments(ServiceModel model, boolean keepEmptyCollections) {
        this.model = model;
        this.keepEmptyCollections = keepEmptyCollections;
    }

    private @Nullable Member member(Shape shape, String name) {
        Member exact = shape.members().get(name);
        if (exact != null) {
            return exact;
        }
        return membersByLowerName
                .computeIfAbsent(shape.id(), id -> {
                    Map<String, Member> index = new HashMap<>();
                    shape.members().values().forEach(m -> index.put(m.name().toLowerCase(Locale.ROOT), m));
                    return index;
                })
                .get(name.toLowerCase(Locale.ROOT));
    }

    /** Returns the document shaped by the structure {@code shapeId}. */
    public ObjectNode shape(JsonNode document, String shapeId) {
        JsonNode shaped = shapeValue(document, model.shape(shapeId));
        return shaped instanceof ObjectNode object ? object : NODES.objectNode();
    }

    private @Nullable JsonNode shapeValue(JsonNode value, Shape shape) {
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        return switch (shape.type()) {
            case STRUCTURE -> shapeStructure(value, shape);
            case LIST -> shapeList(value, shape);
            case MAP -> shapeMap(value, shape);
            default -> value;
        };
    }

    private @Nullable JsonNode shapeStructure(JsonNode value, Shape shape) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            Member member = member(shape, field.getKey());
            if (member == null) {
                continue;
            }
            JsonNode shaped = shapeValue(field.getValue(), model.shape(member.target()));
            if (shaped != null) {
                out.set(member.name(), shaped);
            }
        }
        return out;
    }

    private @Nullable JsonNode shapeList(JsonNode value, Shape shape) {
        Member item = shape.member();
        if (!value.isArray() || item == null) {
            return null;
        }
        if (value.isEmpty()) {
            return keepEmptyCollections ? NODES.arrayNode() : null;
        }
        Shape itemShape = model.shape(item.target());
        ArrayNode out = NODES.arrayNode(value.size());
        for (JsonNode element : value) {
            JsonNode shaped = shapeValue(element, itemShape);
            if (shaped != null) {
                out.add(shaped);
            }
        }
        return out;
    }

    private @Nullable JsonNode shapeMap(JsonNode value, Shape shape) {
        Member valueMember = shape.value();
        if (!value.isObject() || valueMember == null) {
            return null;
        }
        if (value.isEmpty()) {
            return keepEmptyCollections ? NODES.objectNode() : null;
        }
        Shape valueShape = model.shape(valueMember.target());
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode shaped = shapeValue(entry.getValue(), valueShape);
            if (shaped != null) {
                out.set(entry.getKey(), shaped);
            }
        }
        return out;
    }

    /**
     * Returns the name of the first required member of the structure {@code shapeId} that the document lacks, or null.
     *
     * <p>An empty string or collection counts as present: services judge emptiness with their own errors.
     */
    public @Nullable String firstMissingRequired(JsonNode document, String shapeId) {
        for (Member member : model.shape(shapeId).members().values()) {
            JsonNode value = document.get(member.name());
            if (member.required() && (value == null || value.isNull())) {
                return member.name();
            }
        }
        return null;
    }
}

package dev.wharf.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns model-shaped documents into a binding's api records and results back into shaped documents, by the model and
 * the records' components alone, in one pass each way.
 *
 * <p>This does what a Jackson mapper and {@link ModelDocuments} do together (a component matches the member of the same
 * name in any case; nulls and members the shape lacks are left out; names are written as the model spells them), but
 * without the intermediate trees, which made up a third of a PutRecords of 500 records. A document holds blobs as base64
 * text or binary and timestamps as epoch seconds, as the JSON and CBOR codecs hand them over; a result's blob becomes
 * binary, which each codec writes in its own form, and an {@link Instant} epoch seconds to the millisecond.
 *
 * <p>A request string or map key that holds an unpaired surrogate is refused while it is read: JSON can spell one with
 * an escape, but it has no UTF-8 form, so a stored value would come back as '?' and could never be written to a CBOR
 * client again. Blobs are not searched, which is most of a PutRecords body. Thread-safe.
 */
public final class ModelRecords {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Thrown for a string with an unpaired surrogate; the binding answers it in its service's words. */
    public static final class UnpairedSurrogateException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnpairedSurrogateException() {
            super("a string holds an unpaired surrogate");
        }
    }

    /**
     * Thrown when a document's value cannot be held by its record component: a model-typed document never does this
     * unless the records and the model disagree.
     */
    public static final class MismatchException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MismatchException(String message) {
            super(message);
        }
    }

    private final ServiceModel model;
    private final boolean keepEmptyCollections;
    /** Each record class's components against one structure, made on first use: this runs for every request. */
    private final Map<Key, RecordType> types = new ConcurrentHashMap<>();

    /**
     * @param keepEmptyCollections whether an empty list or map of a result stays in its document, as the JSON services
     *     that answer {@code "Shards": []} send it; otherwise it is dropped like a null
     */
    public ModelRecords(ServiceModel model, boolean keepEmptyCollections) {
        this.model = model;
        this.keepEmptyCollections = keepEmptyCollections;
    }

    /** The structure of an operation that takes no input: a record read from it has every component null. */
    private static final Shape NONE = new Shape("smithy.api#Unit", ShapeType.STRUCTURE, Map.of(), null, null, null);

    /**
     * Reads the document of the structure {@code shapeId} into a record of {@code type}; a null {@code shapeId}, an
     * operation without input, reads a record whose components are all null.
     *
     * @throws UnpairedSurrogateException when a string or map key is not valid Unicode
     * @throws MismatchException when a value cannot be held by its component
     */
    public <R extends Record> R toRecord(JsonNode document, Class<R> type, @Nullable String shapeId) {
        return type.cast(readRecord(document, type, shapeId == null ? NONE : model.shape(shapeId)));
    }

    /** Writes {@code result}, a record of the structure {@code shapeId}, as a shaped document. */
    public ObjectNode toDocument(Record result, String shapeId) {
        return writeRecord(result, model.shape(shapeId));
    }

    private RecordType type(Class<?> type, Shape shape) {
        return types.computeIfAbsent(new Key(type, shape.id()), key -> RecordType.of(type, shape, model));
    }

    private Object readRecord(JsonNode node, Class<?> type, Shape shape) {
        return readRecord(node, type(type, shape), shape);
    }

    private Object readRecord(JsonNode node, RecordType record, Shape shape) {
        if (!node.isObject()) {
            throw new MismatchException(shape.id() + " is not an object");
        }
        Object[] values = new Object[record.components.length];
        for (int i = 0; i < values.length; i++) {
            Component component = record.components[i];
            Member member = component.member;
            Shape target = component.target;
            JsonNode value = member == null ? null : node.get(member.name());
            if (target != null && value != null && !value.isNull()) {
                values[i] = read(value, component.type, target);
            }
        }
        return record.construct(values);
    }

    private Object read(JsonNode node, Type type, Shape shape) {
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            if (!node.isTextual()) {
                throw new MismatchException(shape.id() + " is not text");
            }
            return requireUnicode(node.textValue());
        }
        if (raw == byte[].class) {
            return blob(node, shape);
        }
        if (raw == Integer.class) {
            return node.intValue();
        }
        if (raw == Long.class) {
            return node.longValue();
        }
        if (raw == Boolean.class) {
            return node.booleanValue();
        }
        if (raw == Double.class) {
            return node.doubleValue();
        }
        if (raw == BigDecimal.class) {
            return node.decimalValue();
        }
        if (raw == Instant.class) {
            // The codecs have bounded a timestamp to a long of milliseconds; the scale is moved, never multiplied out.
            return Instant.ofEpochMilli(node.decimalValue().scaleByPowerOfTen(3).longValue());
        }
        if (raw == List.class) {
            return readList(node, elementType(type, 0), shape);
        }
        if (raw == Map.class) {
            return readMap(node, elementType(type, 1), shape);
        }
        if (raw.isRecord()) {
            return readRecord(node, raw, shape);
        }
        throw new MismatchException(raw.getName() + " is not a type of the model");
    }

    private List<Object> readList(JsonNode node, Type elementType, Shape shape) {
        Member item = shape.member();
        if (!node.isArray() || item == null) {
            throw new MismatchException(shape.id() + " is not a list");
        }
        Shape itemShape = model.shape(item.target());
        List<Object> out = new ArrayList<>(node.size());
        if (elementType instanceof Class<?> raw && raw.isRecord()) {
            // The records of a list share one type: it is looked up once.
            RecordType record = type(raw, itemShape);
            for (JsonNode element : node) {
                out.add(readRecord(element, record, itemShape));
            }
            return out;
        }
        for (JsonNode element : node) {
            out.add(read(element, elementType, itemShape));
        }
        return out;
    }

    private Map<String, Object> readMap(JsonNode node, Type valueType, Shape shape) {
        Member value = shape.value();
        if (!node.isObject() || value == null) {
            throw new MismatchException(shape.id() + " is not a map");
        }
        Shape valueShape = model.shape(value.target());
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            out.put(requireUnicode(entry.getKey()), read(entry.getValue(), valueType, valueShape));
        }
        return out;
    }

    private static byte[] blob(JsonNode node, Shape shape) {
        try {
            if (node.isBinary()) {
                return node.binaryValue();
            }
            if (node.isTextual()) {
                return Base64.getDecoder().decode(node.textValue());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new MismatchException(shape.id() + " is not base64");
        }
        throw new MismatchException(shape.id() + " is not a blob");
    }

    private static String requireUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw new UnpairedSurrogateException();
                }
            }
        }
        return text;
    }

    private ObjectNode writeRecord(Record result, Shape shape) {
        return writeRecord(result, type(result.getClass(), shape));
    }

    private ObjectNode writeRecord(Record result, RecordType record) {
        ObjectNode out = NODES.objectNode();
        for (Component component : record.components) {
            Member member = component.member;
            Shape target = component.target;
            if (member == null || target == null) {
                continue;
            }
            Object value = component.get(result);
            JsonNode written = value == null ? null : write(value, target);
            if (written != null) {
                out.set(member.name(), written);
            }
        }
        return out;
    }

    private @Nullable JsonNode write(Object value, Shape shape) {
        return switch (value) {
            case String text -> NODES.textNode(text);
            case Integer number -> NODES.numberNode(number);
            case Long number -> NODES.numberNode(number);
            case Boolean flag -> NODES.booleanNode(flag);
            case Double number -> NODES.numberNode(number);
            case BigDecimal number -> NODES.numberNode(number);
            case Instant time -> NODES.numberNode(BigDecimal.valueOf(time.toEpochMilli(), 3));
            case byte[] bytes -> NODES.binaryNode(bytes);
            case List<?> list -> writeList(list, shape);
            case Map<?, ?> map -> writeMap(map, shape);
            case Record nested -> writeRecord(nested, shape);
            default ->
                throw new IllegalStateException(
                        value.getClass().getName() + " is not a type of the model, in " + shape.id());
        };
    }

    private @Nullable JsonNode writeList(List<?> list, Shape shape) {
        Member item = shape.member();
        if (item == null) {
            throw new IllegalStateException("malformed model: " + shape.id() + " is not a list");
        }
        if (list.isEmpty()) {
            return keepEmptyCollections ? NODES.arrayNode() : null;
        }
        Shape itemShape = model.shape(item.target());
        ArrayNode out = NODES.arrayNode(list.size());
        RecordType last = null;
        for (Object element : list) {
            if (element instanceof Record record) {
                // The records of a list share one type: it is looked up again only if one differs.
                if (last == null || last.type != record.getClass()) {
                    last = type(record.getClass(), itemShape);
                }
                out.add(writeRecord(record, last));
                continue;
            }
            JsonNode written = element == null ? null : write(element, itemShape);
            if (written != null) {
                out.add(written);
            }
        }
        return out;
    }

    private @Nullable JsonNode writeMap(Map<?, ?> map, Shape shape) {
        Member value = shape.value();
        if (value == null) {
            throw new IllegalStateException("malformed model: " + shape.id() + " is not a map");
        }
        if (map.isEmpty()) {
            return keepEmptyCollections ? NODES.objectNode() : null;
        }
        Shape valueShape = model.shape(value.target());
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            JsonNode written = entry.getValue() == null ? null : write(entry.getValue(), valueShape);
            if (written != null) {
                out.set(String.valueOf(entry.getKey()), written);
            }
        }
        return out;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> raw) {
            return raw;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            return raw;
        }
        throw new MismatchException(type + " is not a type of the model");
    }

    private static Type elementType(Type type, int index) {
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (index < arguments.length) {
                return arguments[index];
            }
        }
        throw new MismatchException(type + " does not name its elements");
    }

    private record Key(Class<?> type, String shapeId) {}

    /**
     * One component of a record: how to read it, its generic type, and the member it matches and that member's shape
     * (null: none).
     */
    private record Component(
            MethodHandle accessor,
            Type type,
            @Nullable Member member,
            @Nullable Shape target) {
        @Nullable
        Object get(Record record) {
            try {
                return accessor.invokeExact(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("the accessor of a record failed", e);
            }
        }
    }

    /** A record class against one structure: its components in order and its canonical constructor. */
    private record RecordType(Class<?> type, Component[] components, MethodHandle constructor) {
        static RecordType of(Class<?> type, Shape shape, ServiceModel model) {
            if (!type.isRecord()) {
                throw new IllegalStateException(type.getName() + " is not a record");
            }
            Map<String, Member> byLowerName = new HashMap<>();
            shape.members().values().forEach(m -> byLowerName.put(m.name().toLowerCase(Locale.ROOT), m));
            RecordComponent[] parts = type.getRecordComponents();
            Component[] components = new Component[parts.length];
            Class<?>[] types = new Class<?>[parts.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                for (int i = 0; i < parts.length; i++) {
                    if (parts[i].getType().isPrimitive()) {
                        // A document may lack any member, and a primitive cannot say so.
                        throw new IllegalStateException(type.getName() + " holds a primitive: model records box them");
                    }
                    MethodHandle accessor = lookup.unreflect(parts[i].getAccessor())
                            .asType(MethodType.methodType(Object.class, Record.class));
                    Member member = byLowerName.get(parts[i].getName().toLowerCase(Locale.ROOT));
                    components[i] = new Component(
                            accessor,
                            parts[i].getGenericType(),
                            member,
                            member == null ? null : model.shape(member.target()));
                    types[i] = parts[i].getType();
                }
                MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class, types))
                        .asSpreader(Object[].class, parts.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
                return new RecordType(type, components, constructor);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(type.getName() + " is not a public record", e);
            }
        }

        Object construct(Object[] values) {
            try {
                return constructor.invokeExact(values);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("the constructor of a record failed", e);
            }
        }
    }
}

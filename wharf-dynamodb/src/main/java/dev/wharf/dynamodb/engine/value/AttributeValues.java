package dev.wharf.dynamodb.engine.value;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.DynamoDbLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Converts the api's {@link AttributeValue} to a {@link Value} and back, checking what a client sent as DynamoDB
 * does, with its messages: exactly one type set, numbers in range, sets neither empty nor with duplicates, NULL only
 * true, and at most 32 levels of nesting.
 */
public final class AttributeValues {

    private static final String INVALID = "One or more parameter values were invalid: ";

    private AttributeValues() {}

    /** The value that a client sent; throws a ValidationException with DynamoDB's message for one it refuses. */
    public static Value fromApi(AttributeValue value) {
        return fromApi(value, 0);
    }

    /** The attributes of an item as a client sent them, checked as {@link #fromApi(AttributeValue)} does. */
    public static Item itemFromApi(Map<String, AttributeValue> attributes) {
        LinkedHashMap<String, Value> values = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> entry : attributes.entrySet()) {
            values.put(entry.getKey(), fromApi(entry.getValue()));
        }
        return Item.of(values);
    }

    /** The attributes of an item for an answer. */
    public static Map<String, AttributeValue> itemToApi(Item item) {
        LinkedHashMap<String, AttributeValue> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, Value> entry : item.attributes().entrySet()) {
            attributes.put(entry.getKey(), toApi(entry.getValue()));
        }
        return attributes;
    }

    private static Value fromApi(AttributeValue value, int depth) {
        int types = 0;
        Value result = null;
        if (value.s() != null) {
            types++;
            result = new Value.S(value.s());
        }
        if (value.n() != null) {
            types++;
            result = Value.N.of(value.n());
        }
        if (value.b() != null) {
            types++;
            result = Value.B.of(value.b());
        }
        if (value.sS() != null) {
            types++;
            result = stringSet(value.sS());
        }
        if (value.nS() != null) {
            types++;
            result = numberSet(value.nS());
        }
        if (value.bS() != null) {
            types++;
            result = binarySet(value.bS());
        }
        if (value.m() != null) {
            types++;
            result = map(value.m(), depth);
        }
        if (value.l() != null) {
            types++;
            result = list(value.l(), depth);
        }
        if (value.bOOL() != null) {
            types++;
            result = Value.Bool.of(value.bOOL());
        }
        if (value.nULL() != null) {
            types++;
            if (!value.nULL()) {
                throw DynamoDbError.Validation.with(INVALID + "Null attribute value types must have the value of true");
            }
            result = Value.Null.INSTANCE;
        }
        if (result == null) {
            throw DynamoDbError.Validation.with(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (types > 1) {
            throw DynamoDbError.Validation.with("Supplied AttributeValue has more than one datatypes set, must "
                    + "contain exactly one of the supported datatypes");
        }
        return result;
    }

    private static Value stringSet(List<String> strings) {
        if (strings.isEmpty()) {
            throw DynamoDbError.Validation.with(INVALID + "An string set  may not be empty");
        }
        LinkedHashSet<String> values = new LinkedHashSet<>(strings);
        if (values.size() != strings.size()) {
            throw DynamoDbError.Validation.with(
                    INVALID + "Input collection " + listed(strings) + " contains duplicates.");
        }
        return new Value.SS(values);
    }

    private static Value numberSet(List<String> numbers) {
        if (numbers.isEmpty()) {
            throw DynamoDbError.Validation.with(INVALID + "An number set  may not be empty");
        }
        LinkedHashSet<BigDecimal> values = new LinkedHashSet<>();
        for (String number : numbers) {
            values.add(Numbers.parse(number));
        }
        if (values.size() != numbers.size()) {
            throw DynamoDbError.Validation.with("Input collection contains duplicates");
        }
        return new Value.NS(values);
    }

    private static Value binarySet(List<byte[]> binaries) {
        if (binaries.isEmpty()) {
            throw DynamoDbError.Validation.with(INVALID + "Binary sets should not be empty");
        }
        LinkedHashSet<Bytes> values = new LinkedHashSet<>();
        List<String> shown = new ArrayList<>();
        for (byte[] binary : binaries) {
            Bytes bytes = Bytes.copyOf(binary);
            values.add(bytes);
            shown.add(bytes.base64());
        }
        if (values.size() != binaries.size()) {
            throw DynamoDbError.Validation.with(
                    INVALID + "Input collection " + listed(shown) + "of type BS contains duplicates.");
        }
        return new Value.BS(values);
    }

    private static Value map(Map<String, AttributeValue> attributes, int depth) {
        checkDepth(depth);
        LinkedHashMap<String, Value> values = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> entry : attributes.entrySet()) {
            values.put(entry.getKey(), fromApi(entry.getValue(), depth + 1));
        }
        return new Value.M(values);
    }

    private static Value list(List<AttributeValue> elements, int depth) {
        checkDepth(depth);
        List<Value> values = new ArrayList<>(elements.size());
        for (AttributeValue element : elements) {
            values.add(fromApi(element, depth + 1));
        }
        return new Value.L(values);
    }

    /** Depth is the number of maps and lists around the one about to be read. */
    private static void checkDepth(int depth) {
        if (depth >= DynamoDbLimits.NESTING_DEPTH_MAX) {
            throw DynamoDbError.Validation.with("Nesting Levels have exceeded supported limits: Attributes in the "
                    + "item have nested levels beyond supported limit");
        }
    }

    private static String listed(List<String> elements) {
        return "[" + String.join(", ", elements) + "]";
    }

    /** The value for an answer. */
    public static AttributeValue toApi(Value value) {
        return switch (value) {
            case Value.S s -> new AttributeValue(s.value(), null, null, null, null, null, null, null, null, null);
            case Value.N n -> new AttributeValue(null, n.text(), null, null, null, null, null, null, null, null);
            case Value.B b ->
                new AttributeValue(null, null, b.value().toArray(), null, null, null, null, null, null, null);
            case Value.SS ss ->
                new AttributeValue(null, null, null, List.copyOf(ss.values()), null, null, null, null, null, null);
            case Value.NS ns -> {
                List<String> numbers = new ArrayList<>(ns.values().size());
                for (BigDecimal number : ns.values()) {
                    numbers.add(Numbers.text(number));
                }
                yield new AttributeValue(null, null, null, null, numbers, null, null, null, null, null);
            }
            case Value.BS bs -> {
                List<byte[]> binaries = new ArrayList<>(bs.values().size());
                for (Bytes bytes : bs.values()) {
                    binaries.add(bytes.toArray());
                }
                yield new AttributeValue(null, null, null, null, null, binaries, null, null, null, null);
            }
            case Value.M m -> {
                LinkedHashMap<String, AttributeValue> attributes = new LinkedHashMap<>();
                for (Map.Entry<String, Value> entry : m.values().entrySet()) {
                    attributes.put(entry.getKey(), toApi(entry.getValue()));
                }
                yield new AttributeValue(null, null, null, null, null, null, attributes, null, null, null);
            }
            case Value.L l -> {
                List<AttributeValue> elements = new ArrayList<>(l.values().size());
                for (Value element : l.values()) {
                    elements.add(toApi(element));
                }
                yield new AttributeValue(null, null, null, null, null, null, null, elements, null, null);
            }
            case Value.Bool bool ->
                new AttributeValue(null, null, null, null, null, null, null, null, bool.value(), null);
            case Value.Null ignored ->
                new AttributeValue(null, null, null, null, null, null, null, null, null, Boolean.TRUE);
        };
    }
}

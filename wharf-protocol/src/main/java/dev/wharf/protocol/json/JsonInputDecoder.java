package dev.wharf.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.model.HttpLocation;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.Shape;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks a parsed JSON request against its input shape, as AWS's JSON services do before an operation runs.
 *
 * <p>A value of the wrong JSON type is a {@code SerializationException} with the texts that AWS's JSON services send
 * (for example "class java.lang.String can not be converted to an Integer"); nothing is coerced but the strings {@code
 * true} and {@code false} to booleans and {@code NaN}, {@code Infinity} and {@code -Infinity} to doubles, as Smithy's
 * JSON protocols write them. A member whose value
 * is {@code null} counts as absent and members the shape does not have are dropped, so the document handed to a binding
 * holds only what the model allows, each value of its model type. A blob's base64 is decoded where it is checked, so a
 * blob reaches the binding as binary, as the CBOR codec hands it over. REST-JSON bodies name members by their JSON
 * names ({@code jsonName}), and hold only the members bound to the body; the decoded document names them as the
 * model does.
 */
public final class JsonInputDecoder {

    /** How much of a wrong value an error message repeats. */
    static final int MAX_ECHOED_CHARS = 64;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final Map<String, Double> NON_FINITE =
            Map.of("NaN", Double.NaN, "Infinity", Double.POSITIVE_INFINITY, "-Infinity", Double.NEGATIVE_INFINITY);

    private final ServiceModel model;
    private final boolean jsonNames;
    /** Each structure's body members by JSON name, for REST-JSON; filled as shapes are met. */
    private final Map<String, Map<String, Member>> wireNames = new ConcurrentHashMap<>();

    JsonInputDecoder(ServiceModel model) {
        this(model, false);
    }

    /**
     * @param jsonNames true for REST-JSON bodies, whose members go by their JSON names and hold only body members;
     *     false for the AWS JSON protocols, whose members go by their model names
     */
    public JsonInputDecoder(ServiceModel model, boolean jsonNames) {
        this.model = model;
        this.jsonNames = jsonNames;
    }

    /**
     * Returns the document of a request body, checked against the structure {@code shape}.
     *
     * @throws AwsException {@code SerializationException} when a value does not have its model type
     */
    public ObjectNode structure(JsonNode body, Shape shape) {
        JsonNode checked = value(body, shape);
        return checked instanceof ObjectNode object ? object : NODES.objectNode();
    }

    private JsonNode value(JsonNode node, Shape shape) {
        return switch (shape.type()) {
            case STRUCTURE -> checkStructure(node, shape);
            case LIST -> checkList(node, shape);
            case MAP -> checkMap(node, shape);
            case STRING, ENUM -> checkString(node, "String");
            case INTEGER -> checkInteger(node, "Integer", INT_MIN, INT_MAX);
            case LONG -> checkInteger(node, "Long", LONG_MIN, LONG_MAX);
            case DOUBLE -> checkDouble(node);
            case TIMESTAMP -> checkTimestamp(node);
            case BOOLEAN -> checkBoolean(node);
            case BLOB -> checkBlob(node);
            case OTHER -> node;
        };
    }

    private ObjectNode checkStructure(JsonNode node, Shape shape) {
        if (!node.isObject()) {
            throw node.isArray() ? listNotExpected() : error("Expected null");
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            Member member = jsonNames
                    ? bodyMembers(shape).get(field.getKey())
                    : shape.members().get(field.getKey());
            if (member == null || field.getValue().isNull()) {
                continue;
            }
            out.set(member.name(), value(field.getValue(), model.shape(member.target())));
        }
        return out;
    }

    private Map<String, Member> bodyMembers(Shape shape) {
        return wireNames.computeIfAbsent(shape.id(), id -> {
            Map<String, Member> byName = new HashMap<>();
            for (Member member : shape.members().values()) {
                if (member.location() == HttpLocation.PAYLOAD) {
                    byName.put(jsonName(member), member);
                }
            }
            return Map.copyOf(byName);
        });
    }

    /** A body member's name on the wire of REST-JSON: its {@code jsonName}, or its model name without one. */
    public static String jsonName(Member member) {
        String name = member.locationName();
        return name == null ? member.name() : name;
    }

    private ArrayNode checkList(JsonNode node, Shape shape) {
        if (!node.isArray()) {
            throw node.isObject() ? structureNotExpected() : error("Expected list or null");
        }
        Shape itemShape = model.shape(required(shape.member(), shape).target());
        ArrayNode out = NODES.arrayNode(node.size());
        for (JsonNode element : node) {
            if (element.isNull()) {
                throw error("Null value found in a list; list members must not be null.");
            }
            out.add(value(element, itemShape));
        }
        return out;
    }

    private ObjectNode checkMap(JsonNode node, Shape shape) {
        if (!node.isObject()) {
            throw node.isArray() ? listNotExpected() : error("Expected map or null");
        }
        Shape valueShape = model.shape(required(shape.value(), shape).target());
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getValue().isNull()) {
                throw error("Null value found in a map; map values must not be null.");
            }
            out.set(entry.getKey(), value(entry.getValue(), valueShape));
        }
        return out;
    }

    private static JsonNode checkString(JsonNode node, String type) {
        if (node.isTextual()) {
            return node;
        }
        throw notConvertible(node, "an " + type);
    }

    private static JsonNode checkInteger(JsonNode node, String type, BigDecimal min, BigDecimal max) {
        if (!node.isNumber()) {
            throw notConvertible(node, "an " + type);
        }
        // Compared as decimals: turning 1e999999999 into an integer would take a gigabyte.
        BigDecimal value = node.decimalValue();
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw error(
                    "Number " + echo(node.asText()) + " can not be converted to an " + type + ": it has a fraction.");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw error(
                    "Number " + echo(node.asText()) + " can not be converted to an " + type + ": it is out of range.");
        }
        return type.equals("Integer") ? NODES.numberNode(value.intValue()) : NODES.numberNode(value.longValue());
    }

    private static JsonNode checkNumber(JsonNode node, String type) {
        if (node.isNumber()) {
            return node;
        }
        throw notConvertible(node, "an " + type);
    }

    /**
     * A double is a number, or one of the strings that Smithy's JSON protocols write for the values JSON has no number
     * for, which becomes a double as the CBOR codec hands over a CBOR NaN or infinity.
     */
    private static JsonNode checkDouble(JsonNode node) {
        Double nonFinite = node.isTextual() ? NON_FINITE.get(node.asText()) : null;
        return nonFinite != null ? NODES.numberNode(nonFinite.doubleValue()) : checkNumber(node, "Double");
    }

    /**
     * Epoch seconds whose milliseconds fit a long, as the CBOR codec bounds a timestamp. A binding reads it to the
     * millisecond, so a number beyond would wrap to another time (18446744073709551.617 to one millisecond after the
     * epoch), and one with a large exponent took minutes to be written out in full (1e99999999: 84 s). The scale is
     * moved, never multiplied out, and compared by magnitude first.
     */
    private static JsonNode checkTimestamp(JsonNode node) {
        checkNumber(node, "Date");
        BigDecimal millis = node.decimalValue().scaleByPowerOfTen(3);
        if (millis.compareTo(LONG_MIN) < 0 || millis.compareTo(LONG_MAX) > 0) {
            throw error("Number " + echo(node.asText()) + " can not be converted to an Date: it is out of range.");
        }
        return node;
    }

    private static JsonNode checkBoolean(JsonNode node) {
        if (node.isBoolean()) {
            return node;
        }
        if (node.isTextual()) {
            // AWS's JSON services read the strings true and false as booleans and reject any other string.
            return switch (node.asText()) {
                case "true" -> BooleanNode.TRUE;
                case "false" -> BooleanNode.FALSE;
                default -> throw error("'" + echo(node.asText()) + "' can not be converted to an Boolean");
            };
        }
        throw notConvertible(node, "an Boolean");
    }

    /** A blob becomes binary: its base64 is decoded once, here, where it is checked. */
    private static JsonNode checkBlob(JsonNode node) {
        if (!node.isTextual()) {
            throw notConvertible(node, "a Blob");
        }
        String text = node.asText();
        byte[] bytes = Base64Check.decode(text);
        if (bytes == null) {
            throw error("'" + echo(text) + "' can not be converted to a Blob: " + Base64Check.firstProblem(text));
        }
        return NODES.binaryNode(bytes);
    }

    /** The error for a scalar of the wrong JSON type, naming the Java class that AWS's services name for it. */
    private static AwsException notConvertible(JsonNode node, String target) {
        if (node.isArray()) {
            return listNotExpected();
        }
        if (node.isObject()) {
            return structureNotExpected();
        }
        String found;
        if (node.isBoolean()) {
            found = "java.lang.Boolean";
        } else if (node.isNumber()) {
            found = "com.amazon.coral.value.json.numbers.TruncatingBigNumber";
        } else {
            found = "java.lang.String";
        }
        return error("class " + found + " can not be converted to " + target);
    }

    private static AwsException listNotExpected() {
        return error("Start of list found where not expected");
    }

    private static AwsException structureNotExpected() {
        return error("Start of structure or map found where not expected.");
    }

    private static AwsException error(String message) {
        return CommonError.SERIALIZATION.with(message);
    }

    /** Repeats a client's value in a message, bounded and with control characters escaped. */
    static String echo(String text) {
        return LogText.bounded(text, MAX_ECHOED_CHARS);
    }

    private static Member required(@Nullable Member member, Shape shape) {
        if (member == null) {
            throw new IllegalStateException("malformed model: " + shape.id() + " lacks its member");
        }
        return member;
    }

    /** Checks base64 text as AWS's JSON services do: the standard alphabet, padded to a multiple of four. */
    static final class Base64Check {
        /**
         * The base64 alphabet as a table: range checks on random base64 mispredict a branch per character, which made
         * this check a visible share of a PutRecords of 500 records; a table lookup does not branch.
         */
        private static final boolean[] ALPHABET = new boolean[128];

        static {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int i = 0; i < alphabet.length(); i++) {
                ALPHABET[alphabet.charAt(i)] = true;
            }
        }

        private Base64Check() {}

        /** Returns the bytes of {@code text}, or null when it is not base64 as AWS reads it. */
        static byte @Nullable [] decode(String text) {
            if (text.length() % 4 != 0) {
                return null;
            }
            // The JDK's decoder (an intrinsic) takes valid text far faster than a loop over its characters: a
            // PutRecords of 500 records checks 500 blobs. It is as strict but for unused bits after the last data
            // character, which are checked here.
            try {
                byte[] bytes = java.util.Base64.getDecoder().decode(text);
                int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
                return padding == 0 || lastDataCharFits(text, padding) ? bytes : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** Returns why {@code text} is not base64, or null when it is. */
        static @Nullable String firstProblem(String text) {
            if (text.length() % 4 != 0) {
                return "Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length();
            }
            return decode(text) != null ? null : problemOf(text);
        }

        /** Why text that is a multiple of four characters is not base64, character by character. */
        private static @Nullable String problemOf(String text) {
            int padding = 0;
            // The common case, data characters only until the last two, is one table lookup each.
            int i = 0;
            while (i < text.length() - 2 && isBase64(text.charAt(i))) {
                i++;
            }
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '=') {
                    if (i < text.length() - 2) {
                        return "Invalid Base64 character: '='";
                    }
                    padding++;
                } else if (padding > 0 || !isBase64(c)) {
                    return "Invalid Base64 character: '" + LogText.bounded(String.valueOf(c), 8) + "'";
                }
            }
            if (padding > 0 && !lastDataCharFits(text, padding)) {
                return "Invalid last non-pad Base64 character dectected";
            }
            return null;
        }

        private static boolean isBase64(char c) {
            return c < 128 && ALPHABET[c];
        }

        /** Whether the last character before the padding leaves no bits set that the padding says are unused. */
        private static boolean lastDataCharFits(String text, int padding) {
            int index = text.length() - padding - 1;
            if (index < 0) {
                return false;
            }
            int value = valueOf(text.charAt(index));
            int unusedBits = padding == 1 ? 0b11 : 0b1111;
            return (value & unusedBits) == 0;
        }

        private static int valueOf(char c) {
            if (c >= 'A' && c <= 'Z') {
                return c - 'A';
            }
            if (c >= 'a' && c <= 'z') {
                return c - 'a' + 26;
            }
            if (c >= '0' && c <= '9') {
                return c - '0' + 52;
            }
            return c == '+' ? 62 : 63;
        }
    }
}

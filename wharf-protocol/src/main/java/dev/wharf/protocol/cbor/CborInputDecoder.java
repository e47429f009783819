package dev.wharf.protocol.cbor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.Shape;
import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a parsed CBOR request against its input shape and turns it into the document that the JSON codec makes of the
 * same request, so that a binding never knows which protocol carried it.
 *
 * <p>A blob arrives as a CBOR byte string and stays binary, as the JSON codec hands over a blob it has decoded. A
 * double may arrive as NaN or an infinity, which stays a double, as the JSON codec reads the strings that carry them.
 * The protocols differ in one scalar type only:
 *
 * <ul>
 *   <li>a timestamp arrives as epoch milliseconds (AWS CBOR 1.1: the Java SDKs write an integer under tag 1, against
 *       RFC 8949's seconds) or epoch seconds (Smithy RPC v2 CBOR), as its {@link CborTimestampUnit} says, and becomes
 *       epoch seconds, a whole number or a decimal with up to three places, as JSON carries it.
 * </ul>
 *
 * <p>Otherwise the rules are the JSON decoder's: nothing is coerced but the strings {@code true} and {@code false} to
 * booleans, a {@code null} member counts as absent, members the shape lacks are dropped, and a value of the wrong type
 * is a {@code SerializationException} naming the classes that AWS's services name.
 */
final class CborInputDecoder {

    /** How much of a wrong value an error message repeats. */
    static final int MAX_ECHOED_CHARS = 64;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final ServiceModel model;
    private final CborTimestampUnit timestampUnit;

    CborInputDecoder(ServiceModel model, CborTimestampUnit timestampUnit) {
        this.model = model;
        this.timestampUnit = timestampUnit;
    }

    /**
     * Returns the document of a request body, checked against the structure {@code shape}.
     *
     * @throws AwsException {@code SerializationException} when a value does not have its model type
     */
    ObjectNode structure(JsonNode body, Shape shape) {
        JsonNode checked = value(body, shape);
        return checked instanceof ObjectNode object ? object : NODES.objectNode();
    }

    private JsonNode value(JsonNode node, Shape shape) {
        return switch (shape.type()) {
            case STRUCTURE -> checkStructure(node, shape);
            case LIST -> checkList(node, shape);
            case MAP -> checkMap(node, shape);
            case STRING, ENUM -> checkString(node);
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
            Member member = shape.members().get(field.getKey());
            if (member == null || field.getValue().isNull()) {
                continue;
            }
            out.set(member.name(), value(field.getValue(), model.shape(member.target())));
        }
        return out;
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

    private static JsonNode checkString(JsonNode node) {
        if (node.isTextual()) {
            return node;
        }
        throw notConvertible(node, "an String");
    }

    private static JsonNode checkInteger(JsonNode node, String type, BigDecimal min, BigDecimal max) {
        BigDecimal value = finiteDecimal(node, "an " + type);
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

    /**
     * A double arrives as a CBOR float; the document holds it as a decimal, as the JSON codec reads fractions, and NaN
     * or an infinity (a CloudWatch value may be one) as a double, as the JSON codec reads {@code "NaN"}.
     */
    private static JsonNode checkDouble(JsonNode node) {
        if (nonFinite(node)) {
            return NODES.numberNode(node.doubleValue());
        }
        BigDecimal value = finiteDecimal(node, "an Double");
        return node.isIntegralNumber() ? node : NODES.numberNode(value);
    }

    /** A timestamp becomes seconds since the epoch: a long when whole, else a decimal of at most three places. */
    private JsonNode checkTimestamp(JsonNode node) {
        BigDecimal millis = timestampUnit.millisOf(finiteDecimal(node, "an Date"));
        if (millis.compareTo(LONG_MIN) < 0 || millis.compareTo(LONG_MAX) > 0) {
            throw error("Number " + echo(node.asText()) + " can not be converted to an Date: it is out of range.");
        }
        BigDecimal seconds = millis.movePointLeft(3);
        if (seconds.signum() == 0 || seconds.stripTrailingZeros().scale() <= 0) {
            return NODES.numberNode(seconds.longValue());
        }
        return NODES.numberNode(seconds.stripTrailingZeros());
    }

    /** The value of a number that has one: CBOR floats may be NaN or infinite, which no integer or timestamp holds. */
    private static BigDecimal finiteDecimal(JsonNode node, String target) {
        if (!node.isNumber()) {
            throw notConvertible(node, target);
        }
        if (nonFinite(node)) {
            throw error("Number " + node.asText() + " can not be converted to " + target + ": it is not finite.");
        }
        return node.decimalValue();
    }

    private static boolean nonFinite(JsonNode node) {
        return node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue());
    }

    private static JsonNode checkBoolean(JsonNode node) {
        if (node.isBoolean()) {
            return node;
        }
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "true" -> BooleanNode.TRUE;
                case "false" -> BooleanNode.FALSE;
                default -> throw error("'" + echo(node.asText()) + "' can not be converted to an Boolean");
            };
        }
        throw notConvertible(node, "an Boolean");
    }

    /** A blob must be a byte string; it becomes the base64 text that the JSON codec hands on. */
    private static JsonNode checkBlob(JsonNode node) {
        if (node.isBinary()) {
            return node;
        }
        throw notConvertible(node, "a Blob");
    }

    /** The error for a value of the wrong CBOR type, naming the Java class that AWS's services name for it. */
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
            found = "java.lang.Number";
        } else if (node.isBinary()) {
            found = "java.nio.ByteBuffer";
        } else if (node.isTextual()) {
            found = "java.lang.String";
        } else {
            found = "java.lang.Object";
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
    private static String echo(String text) {
        return LogText.bounded(text, MAX_ECHOED_CHARS);
    }

    private static Member required(@Nullable Member member, Shape shape) {
        if (member == null) {
            throw new IllegalStateException("malformed model: " + shape.id() + " lacks its member");
        }
        return member;
    }
}

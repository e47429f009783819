package dev.wharf.protocol.cbor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.Shape;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;

/**
 * Writes a result document as CBOR, by its output shape: the inverse of {@link CborInputDecoder}.
 *
 * <p>A blob, held as base64 text (as the JSON codec writes it) or as binary, becomes a byte string. A timestamp, held
 * as epoch seconds (as JSON carries it) or as ISO-8601 text (as the Query codec does), becomes tag 1 over the number its
 * {@link CborTimestampUnit} counts, which is what the Java SDKs' unmarshaller of the protocol reads. A double may be NaN
 * or an infinity. Members the shape lacks and nulls are not written; {@link dev.wharf.protocol.model.ModelDocuments}
 * has dropped them already.
 */
final class CborOutputEncoder {

    /** RFC 8949's tag of an epoch-based date. */
    private static final int EPOCH_DATE_TAG = 1;

    private final ServiceModel model;
    private final CBORGenerator out;
    private final CborTimestampUnit timestampUnit;

    CborOutputEncoder(ServiceModel model, CBORGenerator out, CborTimestampUnit timestampUnit) {
        this.model = model;
        this.out = out;
        this.timestampUnit = timestampUnit;
    }

    /** Writes {@code value}, which must have the type of {@code shape}; a binding's slip is an IllegalStateException. */
    void value(JsonNode value, Shape shape) throws IOException {
        switch (shape.type()) {
            case STRUCTURE -> structure(value, shape);
            case LIST -> list(value, shape);
            case MAP -> map(value, shape);
            case STRING, ENUM -> out.writeString(value.asText());
            case INTEGER, LONG -> integer(value, shape);
            case DOUBLE -> out.writeNumber(numeric(value, shape).doubleValue());
            case BOOLEAN -> out.writeBoolean(value.asBoolean());
            case BLOB -> out.writeBinary(blob(value, shape));
            case TIMESTAMP -> {
                out.writeTag(EPOCH_DATE_TAG);
                timestampUnit.write(out, epochMillis(value, shape));
            }
            case OTHER -> out.writeTree(value);
        }
    }

    private void structure(JsonNode value, Shape shape) throws IOException {
        int size = 0;
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (shape.members().containsKey(field.getKey()) && !field.getValue().isNull()) {
                size++;
            }
        }
        out.writeStartObject(value, size);
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            Member member = shape.members().get(field.getKey());
            if (member != null && !field.getValue().isNull()) {
                out.writeFieldName(member.name());
                value(field.getValue(), model.shape(member.target()));
            }
        }
        out.writeEndObject();
    }

    private void list(JsonNode value, Shape shape) throws IOException {
        Member item = expect(shape.member(), shape);
        if (!value.isArray()) {
            throw mismatch(value, shape);
        }
        Shape itemShape = model.shape(item.target());
        out.writeStartArray(value, value.size());
        for (JsonNode element : value) {
            value(element, itemShape);
        }
        out.writeEndArray();
    }

    private void map(JsonNode value, Shape shape) throws IOException {
        Member valueMember = expect(shape.value(), shape);
        if (!value.isObject()) {
            throw mismatch(value, shape);
        }
        Shape valueShape = model.shape(valueMember.target());
        out.writeStartObject(value, value.size());
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            out.writeFieldName(entry.getKey());
            value(entry.getValue(), valueShape);
        }
        out.writeEndObject();
    }

    private void integer(JsonNode value, Shape shape) throws IOException {
        if (!value.isIntegralNumber()) {
            throw mismatch(value, shape);
        }
        if (value.canConvertToLong()) {
            out.writeNumber(value.longValue());
        } else {
            out.writeNumber(value.bigIntegerValue());
        }
    }

    /** A number node as it is: a double node may be NaN, which has no decimal value. */
    private static JsonNode numeric(JsonNode value, Shape shape) {
        if (!value.isNumber()) {
            throw mismatch(value, shape);
        }
        return value;
    }

    private static byte[] blob(JsonNode value, Shape shape) throws IOException {
        if (value.isBinary()) {
            return value.binaryValue();
        }
        if (value.isTextual()) {
            try {
                return Base64.getDecoder().decode(value.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("blob of " + shape.id() + " is not base64", e);
            }
        }
        throw mismatch(value, shape);
    }

    private static long epochMillis(JsonNode value, Shape shape) {
        if (value.isNumber()) {
            return numeric(value, shape).decimalValue().movePointRight(3).longValue();
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.asText()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalStateException("timestamp of " + shape.id() + " is not ISO-8601: " + value, e);
            }
        }
        throw mismatch(value, shape);
    }

    private static Member expect(@org.jspecify.annotations.Nullable Member member, Shape shape) {
        if (member == null) {
            throw new IllegalStateException("malformed model: " + shape.id() + " lacks its member");
        }
        return member;
    }

    private static IllegalStateException mismatch(JsonNode value, Shape shape) {
        return new IllegalStateException(
                "a result holds a " + value.getNodeType() + " where " + shape.id() + " is a " + shape.type());
    }
}

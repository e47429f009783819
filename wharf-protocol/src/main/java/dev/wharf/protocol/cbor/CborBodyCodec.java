package dev.wharf.protocol.cbor;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Decodes and encodes CBOR bodies as documents, by the service's model: what the two CBOR protocols share. {@link
 * CborCodec} (AWS CBOR 1.1) and {@link dev.wharf.protocol.rpcv2.RpcV2CborCodec} (Smithy RPC v2 CBOR) each wrap one, with
 * their own timestamp unit, content type and headers.
 *
 * <p>A decoded request is the same document that {@link dev.wharf.protocol.json.JsonCodec} makes of the request in
 * JSON, blobs as binary and timestamps as epoch seconds (see {@link CborInputDecoder}); a result is written by its
 * output shape, blobs as byte strings and timestamps as tag 1 over the number the unit counts. Thread-safe.
 */
public final class CborBodyCodec {

    /** Bounds nesting so that a hostile body cannot exhaust the stack; as the JSON codec. */
    private static final int MAX_NESTING_DEPTH = 64;

    /** Bounds the digits of one number (a CBOR bignum or decimal fraction); as the JSON codec. */
    private static final int MAX_NUMBER_CHARS = 1_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The JSON codec's answer to a body whose bytes are not UTF-8. */
    private static final String NOT_UTF8 = "The request body is not valid UTF-8.";

    private static final String NOT_CBOR = "The request body is not valid CBOR.";

    /** The answer of an operation without output: an empty map. */
    private static final byte[] EMPTY_MAP = {(byte) 0xA0};

    private static final CBORFactory FACTORY = CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .build())
            .build();

    private static final CBORMapper CBOR = CBORMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final CborTimestampUnit timestampUnit;

    public CborBodyCodec(CborTimestampUnit timestampUnit) {
        this.timestampUnit = timestampUnit;
    }

    /**
     * Decodes a request body and checks it against the operation's input shape; an empty body is an empty document.
     *
     * @return the document, holding only the input's members, each of its model type
     * @throws dev.wharf.common.AwsException {@code SerializationException} when the body is not one CBOR map, or a
     *     value does not have its model type
     */
    public ObjectNode decode(byte[] body, ServiceModel model, Operation operation) {
        JsonNode parsed = parse(body);
        String input = operation.input();
        return input == null
                ? NODES.objectNode()
                : new CborInputDecoder(model, timestampUnit).structure(parsed, model.shape(input));
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return NODES.objectNode();
        }
        JsonNode node;
        try {
            node = CBOR.readTree(body);
        } catch (StreamConstraintsException e) {
            throw CommonError.SERIALIZATION.with(constraintMessage(e));
        } catch (MismatchedInputException e) {
            // With FAIL_ON_TRAILING_TOKENS, a second data item after the map.
            throw CommonError.SERIALIZATION.with("The request body continues after the end of its CBOR map.");
        } catch (JsonParseException e) {
            // Jackson finds some bytes that are not UTF-8 itself; the walk tells them from a broken structure.
            throw CommonError.SERIALIZATION.with(textIsUtf8(body) ? NOT_CBOR : NOT_UTF8);
        } catch (IOException e) {
            throw CommonError.SERIALIZATION.with(NOT_CBOR);
        } catch (NumberFormatException | ArithmeticException e) {
            throw CommonError.SERIALIZATION.with("The request body holds a number that cannot be represented.");
        }
        if (!textIsUtf8(body)) {
            // As the JSON codec answers a body whose bytes are not UTF-8; found by fuzzing: Jackson read a 0xF6 lead
            // byte into unpaired surrogates, which then failed the error's encoding that repeated them.
            throw CommonError.SERIALIZATION.with(NOT_UTF8);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NODES.objectNode();
        }
        if (!node.isObject()) {
            throw CommonError.SERIALIZATION.with(
                    node.isArray() ? "Start of list found where not expected" : "Expected null");
        }
        return node;
    }

    /** Whether every text string of the body is UTF-8; a body that is not one well-formed item is not CBOR. */
    private static boolean textIsUtf8(byte[] body) {
        try {
            return CborTexts.allUtf8(body, MAX_NESTING_DEPTH + 1);
        } catch (CborTexts.MalformedException e) {
            throw CommonError.SERIALIZATION.with(NOT_CBOR);
        }
    }

    private static String constraintMessage(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "The request body nests deeper than " + MAX_NESTING_DEPTH + " levels.";
        }
        if (message.contains("Number value length")) {
            return "The request body holds a number longer than " + MAX_NUMBER_CHARS + " digits.";
        }
        return "The request body exceeds a CBOR limit: " + LogText.of(message);
    }

    /**
     * Encodes the result of an operation, already shaped by {@link dev.wharf.protocol.model.ModelDocuments}; an
     * operation without output answers an empty map.
     *
     * @throws IllegalStateException when a value does not have its model type: a binding's error, not the client's
     */
    public byte[] encodeOutput(JsonNode result, ServiceModel model, Operation operation) {
        String output = operation.output();
        return output == null ? EMPTY_MAP.clone() : encodeDocument(result, model, output);
    }

    /**
     * Encodes a document by its shape; without one (an event-stream exception's {@code {"message": ...}}), as the
     * document's own types say, as the JSON codec writes it.
     */
    public byte[] encodeDocument(JsonNode document, ServiceModel model, @Nullable String shapeId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CBORGenerator out = FACTORY.createGenerator(bytes)) {
            if (shapeId == null) {
                CBOR.writeTree(out, document);
            } else {
                new CborOutputEncoder(model, out, timestampUnit).value(document, model.shape(shapeId));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write CBOR", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Replaces each unpaired surrogate, which has no UTF-8 form for a CBOR text string, with U+FFFD, so that an error
     * is written whatever text its message repeats (as the Query codec does for XML).
     */
    static String unicode(String text) {
        return dev.wharf.protocol.ReplacementText.replacing(text, c -> !Character.isSurrogate(c));
    }

    /** Encodes an error's body as the JSON protocols write it: {@code __type} and {@code message}. */
    public byte[] encodeError(String type, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CBORGenerator out = FACTORY.createGenerator(bytes)) {
            out.writeStartObject(type, 2);
            out.writeStringField("__type", type);
            out.writeStringField("message", unicode(message));
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write CBOR", e);
        }
        return bytes.toByteArray();
    }
}

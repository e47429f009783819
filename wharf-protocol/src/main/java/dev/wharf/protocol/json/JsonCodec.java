package dev.wharf.protocol.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes and encodes the bodies of the AWS JSON 1.0 and 1.1 protocols.
 *
 * <p>Requests name members as the model does, so a decoded body is already a model-shaped document. Errors carry
 * {@code __type}, and for query-compatible services the {@code x-amzn-query-error} header with the Query code.
 * Thread-safe.
 */
public final class JsonCodec implements dev.wharf.protocol.RpcCodec {

    /** Bounds nesting so that a hostile body cannot exhaust the stack. */
    private static final int MAX_NESTING_DEPTH = 64;

    /** Bounds the digits of one number: AWS's numbers need at most 38 digits of precision. */
    private static final int MAX_NUMBER_CHARS = 1_000;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_CHARS)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Protocol protocol;

    public JsonCodec(Protocol protocol) {
        if (protocol != Protocol.AWS_JSON_1_0 && protocol != Protocol.AWS_JSON_1_1) {
            throw new IllegalArgumentException("not a JSON protocol: " + protocol);
        }
        this.protocol = protocol;
    }

    /**
     * Decodes a request body and checks it against the operation's input shape; an empty body is an empty document.
     *
     * @return the document, holding only the input's members, each of its model type
     * @throws dev.wharf.common.AwsException {@code SerializationException} when the body is not one JSON object, or a
     *     value does not have its model type
     */
    @Override
    public ObjectNode decode(byte[] body, ServiceModel model, Operation operation) {
        ObjectNode parsed = decode(body);
        String input = operation.input();
        return input == null
                ? JSON.createObjectNode()
                : new JsonInputDecoder(model).structure(parsed, model.shape(input));
    }

    /**
     * Parses a request body into a JSON object without a model; an empty body is an empty document.
     *
     * @throws dev.wharf.common.AwsException {@code SerializationException} when the body is not one JSON object
     */
    public ObjectNode decode(byte[] body) {
        return parse(body);
    }

    /**
     * Parses a body into a JSON object, bounded in nesting and number length; an empty body is an empty document.
     *
     * @throws dev.wharf.common.AwsException {@code SerializationException} when the body is not one JSON object
     */
    public static ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (StreamConstraintsException e) {
            throw CommonError.SERIALIZATION.with(constraintMessage(e));
        } catch (CharConversionException e) {
            throw CommonError.SERIALIZATION.with("The request body is not valid UTF-8.");
        } catch (JsonParseException e) {
            throw CommonError.SERIALIZATION.with(parseMessage(e));
        } catch (MismatchedInputException e) {
            // With FAIL_ON_TRAILING_TOKENS, a second value after the object.
            throw CommonError.SERIALIZATION.with("The request body continues after the end of its JSON object.");
        } catch (IOException e) {
            throw CommonError.SERIALIZATION.with("The request body is not valid JSON.");
        } catch (NumberFormatException | ArithmeticException e) {
            // Found by fuzzing: 1e40044444410 has an exponent beyond what BigDecimal holds.
            throw CommonError.SERIALIZATION.with("The request body holds a number that cannot be represented.");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JSON.createObjectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw CommonError.SERIALIZATION.with(
                    node.isArray() ? "Start of list found where not expected" : "Expected null");
        }
        return object;
    }

    private static String constraintMessage(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "The request body nests deeper than " + MAX_NESTING_DEPTH + " levels.";
        }
        if (message.contains("Number value length")) {
            return "The request body holds a number longer than " + MAX_NUMBER_CHARS + " digits.";
        }
        return "The request body exceeds a JSON limit: " + LogText.of(message);
    }

    private static String parseMessage(JsonParseException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Invalid UTF-8") || message.contains("Invalid UTF-8")) {
            return "The request body is not valid UTF-8.";
        }
        return "The request body is not valid JSON: " + LogText.of(message);
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    /**
     * JSON 1.1 takes {@code application/x-amz-json-1.1}; JSON 1.0 every other content type that is not CBOR's, as the
     * router has always read a request that names an {@code X-Amz-Target}.
     */
    @Override
    public boolean recognises(String contentType) {
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        boolean json11 = type.contains("1.1") && !type.contains("cbor");
        return protocol == Protocol.AWS_JSON_1_1 ? json11 : !json11 && !type.contains("cbor");
    }

    @Override
    public WireResponse encode(JsonNode result, ServiceModel model, Operation operation) {
        return encode(result);
    }

    /** JSON carries a document as it is shaped: the model adds nothing to its encoding. */
    @Override
    public byte[] encodeDocument(
            JsonNode document, ServiceModel model, @org.jspecify.annotations.Nullable String shapeId) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Encodes a result, already shaped by {@link dev.wharf.protocol.model.ModelDocuments}. */
    public WireResponse encode(JsonNode result) {
        try {
            return new WireResponse(200, protocol.responseContentType(), Map.of(), JSON.writeValueAsBytes(result));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Encodes an error; {@code queryCompatible} adds the {@code x-amzn-query-error} header. */
    @Override
    public WireResponse encodeError(AwsErrorCode code, String message, boolean queryCompatible) {
        return encodeError(code, message, queryCompatible, null);
    }

    /** Encodes an error, with {@code members} after {@code __type} in place of the message when they are given. */
    @Override
    public WireResponse encodeError(
            AwsErrorCode code, String message, boolean queryCompatible, @Nullable ObjectNode members) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", code.jsonType());
        if (members == null) {
            body.put("message", message);
        } else {
            body.setAll(members);
        }
        Map<String, String> headers = dev.wharf.protocol.QueryErrorHeader.of(code, queryCompatible);
        try {
            return new WireResponse(
                    code.httpStatus(), protocol.responseContentType(), headers, JSON.writeValueAsBytes(body));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}

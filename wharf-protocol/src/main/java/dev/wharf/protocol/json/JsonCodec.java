package dev.wharf.protocol.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.WireResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Decodes and encodes the bodies of the AWS JSON 1.0 and 1.1 protocols.
 *
 * <p>Requests name members as the model does, so a decoded body is already a model-shaped document. Errors carry
 * {@code __type}, and for query-compatible services the {@code x-amzn-query-error} header with the Query code.
 * Thread-safe.
 */
public final class JsonCodec {

    /** Bounds nesting so that a hostile body cannot exhaust the stack. */
    private static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .build();

    private final Protocol protocol;

    public JsonCodec(Protocol protocol) {
        if (protocol != Protocol.AWS_JSON_1_0 && protocol != Protocol.AWS_JSON_1_1) {
            throw new IllegalArgumentException("not a JSON protocol: " + protocol);
        }
        this.protocol = protocol;
    }

    /**
     * Decodes a request body; an empty body is an empty document.
     *
     * @throws dev.wharf.common.AwsException {@code SerializationException} when the body is not a JSON object
     */
    public ObjectNode decode(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw CommonError.SERIALIZATION.with("Start of structure or map found where not expected.");
        }
        if (node == null || node.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw CommonError.SERIALIZATION.with("Start of structure or map found where not expected.");
        }
        return object;
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
    public WireResponse encodeError(AwsErrorCode code, String message, boolean queryCompatible) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", code.jsonType());
        body.put("message", message);
        Map<String, String> headers = queryCompatible
                ? Map.of("x-amzn-query-error", code.queryCode() + ";" + (code.senderFault() ? "Sender" : "Receiver"))
                : Map.of();
        try {
            return new WireResponse(
                    code.httpStatus(), protocol.responseContentType(), headers, JSON.writeValueAsBytes(body));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}

package dev.wharf.protocol.cbor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes and encodes the bodies of the AWS CBOR 1.1 protocol, which Kinesis speaks to the Java SDKs.
 *
 * <p>The protocol is the JSON 1.1 RPC ({@code X-Amz-Target}, {@code __type} errors) with CBOR bodies, read and written
 * by a {@link CborBodyCodec} whose timestamps are epoch milliseconds, as the SDKs write them. Thread-safe.
 */
public final class CborCodec implements dev.wharf.protocol.RpcCodec {

    private static final CborBodyCodec BODIES = new CborBodyCodec(CborTimestampUnit.EPOCH_MILLISECONDS);

    /**
     * Decodes a request body and checks it against the operation's input shape; an empty body is an empty document.
     *
     * @return the document, holding only the input's members, each of its model type
     * @throws dev.wharf.common.AwsException {@code SerializationException} when the body is not one CBOR map, or a
     *     value does not have its model type
     */
    @Override
    public ObjectNode decode(byte[] body, ServiceModel model, Operation operation) {
        return BODIES.decode(body, model, operation);
    }

    /**
     * Encodes the result of an operation, already shaped by {@link dev.wharf.protocol.model.ModelDocuments}; an
     * operation without output answers an empty map.
     *
     * @throws IllegalStateException when a value does not have its model type: a binding's error, not the client's
     */
    @Override
    public WireResponse encode(JsonNode result, ServiceModel model, Operation operation) {
        return new WireResponse(
                200,
                Protocol.AWS_CBOR_1_1.responseContentType(),
                Map.of(),
                BODIES.encodeOutput(result, model, operation));
    }

    /**
     * Encodes a document by its shape; without one (an event-stream exception's {@code {"message": ...}}), as the
     * document's own types say, as the JSON codec writes it.
     */
    @Override
    public byte[] encodeDocument(JsonNode document, ServiceModel model, @Nullable String shapeId) {
        return BODIES.encodeDocument(document, model, shapeId);
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_CBOR_1_1;
    }

    @Override
    public boolean recognises(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).startsWith(Protocol.AWS_CBOR_1_1.responseContentType());
    }

    /** No CBOR 1.1 service is query-compatible: the flag is ignored. */
    @Override
    public WireResponse encodeError(AwsErrorCode code, String message, boolean queryCompatible) {
        return encodeError(code, message);
    }

    /** Encodes an error as the JSON protocols do: {@code __type} and {@code message}, with the error's HTTP status. */
    public WireResponse encodeError(AwsErrorCode code, String message) {
        return new WireResponse(
                code.httpStatus(),
                Protocol.AWS_CBOR_1_1.responseContentType(),
                Map.of(),
                BODIES.encodeError(code.jsonType(), message));
    }
}

package dev.wharf.protocol.rpcv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.QueryErrorHeader;
import dev.wharf.protocol.RpcCodec;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.cbor.CborBodyCodec;
import dev.wharf.protocol.cbor.CborTimestampUnit;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes and encodes the bodies of Smithy RPC v2 CBOR, which current SDKs (the Java SDK v2, botocore) speak to
 * CloudWatch.
 *
 * <p>A request names its operation in the path ({@link RpcV2Target}) and carries one CBOR map, read by a {@link
 * CborBodyCodec} into the same document that {@link dev.wharf.protocol.json.JsonCodec} makes of the request in JSON, so
 * that a binding never knows the protocol. The one difference from AWS CBOR 1.1 is the timestamp: tag 1 over epoch
 * seconds, as RFC 8949 has it (the Java SDK writes a double, botocore an integer), where AWS CBOR 1.1 has milliseconds.
 *
 * <p>Every answer carries {@code smithy-protocol: rpc-v2-cbor} and {@code Content-Type: application/cbor}. A result is
 * the output map (an empty map without output), timestamps written as doubles of seconds, as the SDK writes them. An
 * error is a map of {@code __type} and {@code message} with the error's status; Smithy asks for the error's absolute
 * shape id in {@code __type}, which the error catalogue's JSON namespace gives, and both SDKs strip a namespace. A
 * query-compatible service adds {@code x-amzn-query-error}, from which both SDKs take the error code. Thread-safe.
 */
public final class RpcV2CborCodec implements RpcCodec {

    private static final CborBodyCodec BODIES = new CborBodyCodec(CborTimestampUnit.EPOCH_SECONDS);
    private static final String CONTENT_TYPE = Protocol.SMITHY_RPC_V2_CBOR.responseContentType();
    private static final Map<String, String> PROTOCOL_HEADERS =
            Map.of(RpcV2Target.PROTOCOL_HEADER, RpcV2Target.PROTOCOL);

    /** The headers that name an operation in the JSON protocols, which Smithy has servers refuse on an RPC v2 call. */
    private static final List<String> TARGET_HEADERS = List.of("x-amz-target", "x-amzn-target");

    @Override
    public Protocol protocol() {
        return Protocol.SMITHY_RPC_V2_CBOR;
    }

    /** Whether a content type (any case, parameters included) is {@code application/cbor}. */
    @Override
    public boolean recognises(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.strip().toLowerCase(Locale.ROOT).equals(CONTENT_TYPE);
    }

    /**
     * Checks the headers of a request that {@link RpcV2Target} recognised, as Smithy's servers check them: it may not
     * name an operation in {@code X-Amz-Target} too, and a body is {@code application/cbor} (a request without a
     * content type is read as CBOR).
     *
     * @param headers the request's headers, names in lower case
     * @throws dev.wharf.common.AwsException {@code UnknownOperationException} (404) for a target header, {@code
     *     UnsupportedMediaTypeException} (415) for another content type
     */
    public void checkHeaders(Map<String, List<String>> headers) {
        for (String name : TARGET_HEADERS) {
            if (headers.containsKey(name)) {
                throw CommonError.UNKNOWN_OPERATION_PATH.with(
                        "A Smithy RPC v2 request must not name an operation in " + name + ".");
            }
        }
        List<String> contentTypes = headers.get("content-type");
        if (contentTypes != null && !contentTypes.isEmpty() && !recognises(contentTypes.get(0))) {
            throw CommonError.UNSUPPORTED_MEDIA_TYPE.with(
                    "The request's Content-Type " + LogText.of(contentTypes.get(0)) + " is not " + CONTENT_TYPE + ".");
        }
    }

    /**
     * Decodes a request body against the operation's input shape; an empty body is an empty document.
     *
     * @throws dev.wharf.common.AwsException {@code SerializationException} when the body is not one CBOR map, or a
     *     value does not have its model type
     */
    @Override
    public ObjectNode decode(byte[] body, ServiceModel model, Operation operation) {
        return BODIES.decode(body, model, operation);
    }

    /**
     * Encodes an operation's result, already shaped by {@link dev.wharf.protocol.model.ModelDocuments}; an operation
     * without output answers an empty map, which the SDKs read as they read no body.
     *
     * @throws IllegalStateException when a value does not have its model type: a binding's error, not the client's
     */
    @Override
    public WireResponse encode(JsonNode result, ServiceModel model, Operation operation) {
        return new WireResponse(200, CONTENT_TYPE, PROTOCOL_HEADERS, BODIES.encodeOutput(result, model, operation));
    }

    @Override
    public byte[] encodeDocument(JsonNode document, ServiceModel model, @Nullable String shapeId) {
        return BODIES.encodeDocument(document, model, shapeId);
    }

    /** Encodes an error; {@code queryCompatible} adds {@code x-amzn-query-error} with the error's Query code. */
    @Override
    public WireResponse encodeError(AwsErrorCode code, String message, boolean queryCompatible) {
        Map<String, String> headers = new HashMap<>(PROTOCOL_HEADERS);
        headers.putAll(QueryErrorHeader.of(code, queryCompatible));
        return new WireResponse(
                code.httpStatus(), CONTENT_TYPE, Map.copyOf(headers), BODIES.encodeError(code.jsonType(), message));
    }
}

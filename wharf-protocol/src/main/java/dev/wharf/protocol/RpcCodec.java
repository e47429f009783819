package dev.wharf.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import org.jspecify.annotations.Nullable;

/**
 * A codec of the RPC protocols that carry one document in the body: AWS JSON 1.0 and 1.1 and AWS CBOR 1.1, which name
 * their operation in {@code X-Amz-Target} and are told apart by their content type, and Smithy RPC v2 CBOR, which names
 * it in the path ({@link dev.wharf.protocol.rpcv2.RpcV2Target} recognises its requests). Each knows its own requests,
 * so that the router only asks. Implementations are thread-safe.
 */
public interface RpcCodec {

    /** The protocol this codec speaks. */
    Protocol protocol();

    /** Whether a request with this content type (as sent, any case, parameters included) is this codec's. */
    boolean recognises(String contentType);

    /**
     * Decodes a request body against the operation's input shape; an empty body is an empty document.
     *
     * @throws dev.wharf.common.AwsException {@code SerializationException} for a body that is not a document of the
     *     operation's input
     */
    ObjectNode decode(byte[] body, ServiceModel model, Operation operation);

    /** Encodes an operation's result, already shaped by {@link dev.wharf.protocol.model.ModelDocuments}. */
    WireResponse encode(JsonNode result, ServiceModel model, Operation operation);

    /**
     * Encodes one document of a structure of the model, already shaped, as the body of an event-stream message is
     * (a SubscribeToShardEvent, an error's {@code {"message": ...}}); null {@code shapeId} writes it untyped.
     *
     * @throws IllegalStateException when a value does not have its model type
     */
    byte[] encodeDocument(JsonNode document, ServiceModel model, @org.jspecify.annotations.Nullable String shapeId);

    /**
     * Encodes an error in the protocol's shape; {@code queryCompatible} asks for the {@code x-amzn-query-error} header
     * where the protocol has it.
     */
    WireResponse encodeError(AwsErrorCode code, String message, boolean queryCompatible);

    /**
     * Encodes an error whose body holds {@code members} beside its type ({@link ServiceBinding#errorDocument}), or the
     * message alone when they are null. A codec whose protocol has no such members writes the message alone.
     */
    default WireResponse encodeError(
            AwsErrorCode code, String message, boolean queryCompatible, @Nullable ObjectNode members) {
        return encodeError(code, message, queryCompatible);
    }
}

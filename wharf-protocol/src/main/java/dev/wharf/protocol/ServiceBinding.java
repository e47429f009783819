package dev.wharf.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A service as the transport sees it: its model, the protocols it speaks, and one entry point for every operation.
 *
 * <p>Implementations are thread-safe; {@link #invoke} runs on a virtual thread per request and may block (a long poll
 * does).
 */
public interface ServiceBinding {

    ServiceModel model();

    Set<Protocol> protocols();

    /** The namespace of the service's Query XML, or empty when the service does not speak Query. */
    String queryXmlNamespace();

    /**
     * Whether a request for the operation may come unsigned, as the links that a service hands out do (SNS's
     * SubscribeURL and UnsubscribeURL). Such a request runs with an anonymous {@link dev.wharf.common.Caller}, whose
     * account is empty; a signed one is verified as always.
     */
    default boolean allowsAnonymous(String operation) {
        return false;
    }

    /**
     * Answers a request for one of the service's internal resources (a path under {@code /_aws/}, such as SNS's
     * {@code /_aws/sns/sms-messages}), which the server asks every service about for the paths it does not route
     * itself. The server has checked that the request came to one of its own endpoints; it is not signed.
     *
     * @return the answer, or null when the service serves nothing at the path
     */
    default @Nullable WireResponse serveInternal(InternalRequest request) {
        return null;
    }

    /**
     * The members of an RPC error's body beside {@code __type}, for an error whose shape has more than its message
     * ({@link dev.wharf.common.AwsException#detail()} is set, as for DynamoDB's TransactionCanceledException and its
     * CancellationReasons); they carry the message under the name the service writes it. Null, the default, writes the
     * protocol's own {@code message}.
     */
    default @Nullable ObjectNode errorDocument(dev.wharf.common.AwsException error) {
        return null;
    }

    /**
     * Adds what the service puts on every answer it gives over an RPC protocol, errors included, such as the {@code
     * x-amz-crc32} header of the body that DynamoDB sends and its SDKs check. The default adds nothing.
     */
    default WireResponse finish(WireResponse response) {
        return response;
    }

    /**
     * The REST-XML codec of a service that speaks {@link Protocol#REST_XML}, which matches its requests to operations
     * and decodes and encodes them; null, the default, for a service that does not.
     */
    default dev.wharf.protocol.restxml.@Nullable RestXmlCodec restXmlCodec() {
        return null;
    }

    /**
     * The REST-JSON codec of a service that speaks {@link Protocol#REST_JSON}, which matches its requests to operations
     * and decodes and encodes them; null, the default, for a service that does not.
     */
    default dev.wharf.protocol.restjson.@Nullable RestJsonCodec restJsonCodec() {
        return null;
    }

    /**
     * The path of a REST request's resource as the service's codec matches it, from the request's Host and path, still
     * percent-encoded: S3 moves the bucket of a virtual-hosted request ({@code bucket.localhost}) into the path. The
     * default is the path itself.
     */
    default String resourcePath(@Nullable String host, String rawPath) {
        return rawPath;
    }

    /**
     * The headers of an error response besides the protocol's own, such as the {@code Content-Range} of S3's
     * InvalidRange; the default adds none.
     */
    default java.util.Map<String, String> errorHeaders(dev.wharf.common.AwsException error) {
        return java.util.Map.of();
    }

    /**
     * Runs an operation of {@link #model()}.
     *
     * @param input the request document, named as the model names members
     * @return the result document, shaped by {@link dev.wharf.protocol.model.ModelDocuments}
     * @throws dev.wharf.common.AwsException for every error the caller should see
     */
    JsonNode invoke(Operation operation, ObjectNode input, RequestContext context);

    /**
     * Accepts a call of an operation that answers an event stream ({@link Operation#streamsEvents()}), whose events
     * the transport then streams; a service without such operations is never asked.
     *
     * @throws dev.wharf.common.AwsException for an error the caller should get as an ordinary error response, before
     *     the stream begins
     */
    default dev.wharf.protocol.eventstream.EventStreamCall openEventStream(
            Operation operation, ObjectNode input, RequestContext context) {
        throw new IllegalStateException(operation.name() + " answers an event stream, which this service cannot");
    }
}

package dev.wharf.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.rest.RestMatch;
import dev.wharf.protocol.restjson.RestJsonCodec;
import dev.wharf.protocol.sigv4.SigV4Verifier;
import dev.wharf.protocol.sigv4.SignedRequest;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request of a REST-JSON service (Amazon MQ): its codec picks the operation from the method and path; the
 * request's signature is verified over its whole body; the codec decodes the input and encodes the result, with the
 * operation's status, and every error takes the REST-JSON shape ({@code x-amzn-ErrorType} and a JSON body with its
 * {@code message}, and the members the service adds) with {@code x-amzn-RequestId}.
 *
 * <p>Thread-safe; {@link #route} runs on the request's virtual thread.
 */
final class RestJsonRoute {

    private static final Logger LOG = LoggerFactory.getLogger(RestJsonRoute.class);
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    /** The answer to a method and path that none of the service's operations takes: a 404, as API Gateway gives. */
    static final UnmatchedOperation UNMATCHED = new UnmatchedOperation("NotFoundException", 404, true);

    private final SigV4Verifier verifier;
    private final ServiceRouter.RequestObserver observer;

    RestJsonRoute(SigV4Verifier verifier, ServiceRouter.RequestObserver observer) {
        this.verifier = verifier;
        this.observer = observer;
    }

    WireResponse route(ServiceRouter.HttpRequest request, ServiceBinding service, RestJsonCodec codec) {
        long start = System.nanoTime();
        String operation = "Unknown";
        WireResponse response;
        try {
            RestMatch match = codec.match(request.method(), request.rawPath(), request.rawQuery(), request.headers());
            if (match == null) {
                throw new AwsException(
                        UNMATCHED,
                        "No operation of " + service.model().signingName() + " matches " + request.method() + " "
                                + LogText.of(request.rawPath()) + ".");
            }
            operation = match.operation().name();
            SignedRequest signed = new SignedRequest(
                    request.method(), request.rawPath(), request.rawQuery(), request.headers(), request.body());
            RequestContext context = new RequestContext(
                    verifier.verify(signed, service.model().signingName()),
                    request.requestId(),
                    request.endpoint(),
                    Protocol.REST_JSON,
                    request.rawPath());
            ObjectNode input = codec.decode(match, request.rawQuery(), request.headers(), request.body());
            JsonNode result = service.invoke(match.operation(), input, context);
            response = codec.encode(match.operation(), result);
        } catch (AwsException e) {
            ObjectNode members = e.detail() == null ? null : service.errorDocument(e);
            response = RestJsonCodec.encodeError(e.code(), e.getMessage() == null ? "" : e.getMessage(), members);
        } catch (RuntimeException e) {
            LOG.error(
                    "{} {} failed: {}",
                    service.model().signingName(),
                    operation,
                    LogText.failure(e, ServiceRouter.MAX_LOGGED_FRAMES));
            response = RestJsonCodec.encodeError(CommonError.INTERNAL_FAILURE, "An internal error occurred.", null);
        }
        observer.onRequest(service.model().signingName(), operation, response.status(), System.nanoTime() - start);
        return withRequestId(response, request.requestId());
    }

    /** An error that the transport answers for a REST-JSON request, in that protocol's shape. */
    static WireResponse transportError(AwsErrorCode code, String message, String requestId) {
        return withRequestId(RestJsonCodec.encodeError(code, message, null), requestId);
    }

    private static WireResponse withRequestId(WireResponse response, String requestId) {
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put(REQUEST_ID_HEADER, requestId);
        return new WireResponse(response.status(), response.contentType(), headers, response.body(), response.stream());
    }
}

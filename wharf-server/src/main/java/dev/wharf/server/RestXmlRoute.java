package dev.wharf.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.LogText;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.StreamingBlob;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.rest.RestMatch;
import dev.wharf.protocol.restxml.RestXmlCodec;
import dev.wharf.protocol.sigv4.ChecksummedStream;
import dev.wharf.protocol.sigv4.SigV4Verifier;
import dev.wharf.protocol.sigv4.SignedPayload;
import dev.wharf.protocol.sigv4.SignedRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request of a REST-XML service (S3): its codec picks the operation from the method, path, query and headers;
 * the head's signature is verified; the body, streamed or whole, is opened through {@link SignedPayload}, which checks
 * its chunk signatures and checksums as the service reads it; the codec decodes the input and encodes the result, and
 * every error takes S3's {@code <Error>} shape with {@code x-amz-request-id} and {@code x-amz-id-2}.
 *
 * <p>Thread-safe; {@link #route} runs on the request's virtual thread.
 */
final class RestXmlRoute {

    private static final Logger LOG = LoggerFactory.getLogger(RestXmlRoute.class);
    private static final String AWS_CHUNKED = "aws-chunked";

    /**
     * The answer to a request that none of the service's modelled operations takes, such as S3's versioning or ACLs,
     * which Wharf does not serve: S3's NotImplemented.
     */
    static final UnmatchedOperation UNMATCHED = new UnmatchedOperation("NotImplemented", 501, false);

    private final SigV4Verifier verifier;
    private final ServiceRouter.RequestObserver observer;

    RestXmlRoute(SigV4Verifier verifier, ServiceRouter.RequestObserver observer) {
        this.verifier = verifier;
        this.observer = observer;
    }

    WireResponse route(ServiceRouter.HttpRequest request, ServiceBinding service, RestXmlCodec codec) {
        long start = System.nanoTime();
        String hostId = hostId(request.requestId());
        boolean head = request.method().equals("HEAD");
        String operation = "Unknown";
        WireResponse response;
        try {
            String path = service.resourcePath(request.header("host"), request.rawPath());
            RestMatch match = codec.match(request.method(), path, request.rawQuery(), request.headers());
            if (match == null) {
                throw new AwsException(
                        UNMATCHED, "A header you provided implies functionality that is not implemented");
            }
            operation = match.operation().name();
            response = run(request, service, codec, match);
        } catch (AwsException e) {
            response = error(service, e, request.requestId(), hostId, head);
        } catch (RuntimeException e) {
            LOG.error(
                    "{} {} failed: {}",
                    service.model().signingName(),
                    operation,
                    LogText.failure(e, ServiceRouter.MAX_LOGGED_FRAMES));
            response = RestXmlCodec.encodeError(
                    "InternalError",
                    500,
                    "We encountered an internal error. Please try again.",
                    request.requestId(),
                    hostId,
                    Map.of(),
                    head);
        }
        observer.onRequest(service.model().signingName(), operation, response.status(), System.nanoTime() - start);
        return withIds(response, request.requestId(), hostId);
    }

    private WireResponse run(
            ServiceRouter.HttpRequest request, ServiceBinding service, RestXmlCodec codec, RestMatch match) {
        StreamingBlob streamed = request.bodyStream();
        SignedRequest signed = streamed == null
                ? new SignedRequest(
                        request.method(), request.rawPath(), request.rawQuery(), request.headers(), request.body())
                : SignedRequest.streamed(request.method(), request.rawPath(), request.rawQuery(), request.headers());
        SigV4Verifier.Verified verified =
                verifier.verifySigned(signed, service.model().signingName());
        InputStream raw = streamed == null ? new ByteArrayInputStream(request.body()) : streamed.stream();
        ChecksummedStream body = SignedPayload.open(raw, signed, verified.signing());
        ObjectNode input =
                codec.decode(match, request.rawQuery(), decodedHeaders(request), body, decodedLength(request));
        RequestContext context = new RequestContext(
                verified.caller(), request.requestId(), request.endpoint(), Protocol.REST_XML, request.rawPath());
        JsonNode result = service.invoke(match.operation(), input, context);
        return codec.encode(match.operation(), result);
    }

    /**
     * The headers as the operation's members see them: {@code aws-chunked} is the signature's framing, not the
     * object's Content-Encoding, so it is taken out, and the header dropped when nothing else is left.
     */
    private static Map<String, List<String>> decodedHeaders(ServiceRouter.HttpRequest request) {
        List<String> encodings = request.headers().get("content-encoding");
        if (encodings == null) {
            return request.headers();
        }
        List<String> kept = new ArrayList<>();
        for (String value : encodings) {
            for (String coding : value.split(",")) {
                String trimmed = coding.trim();
                if (!trimmed.isEmpty() && !trimmed.toLowerCase(Locale.ROOT).equals(AWS_CHUNKED)) {
                    kept.add(trimmed);
                }
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        if (kept.isEmpty()) {
            headers.remove("content-encoding");
        } else {
            headers.put("content-encoding", List.of(String.join(",", kept)));
        }
        return headers;
    }

    /** The length of the body the operation reads: the decoded length of an aws-chunked body, else Content-Length. */
    private static long decodedLength(ServiceRouter.HttpRequest request) {
        String decoded = request.header("x-amz-decoded-content-length");
        String length = decoded != null ? decoded : request.header("content-length");
        if (length == null) {
            StreamingBlob streamed = request.bodyStream();
            return streamed == null ? request.body().length : -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            // SignedPayload has refused a malformed decoded length; a malformed Content-Length never gets here.
            return -1;
        }
    }

    private static WireResponse error(
            ServiceBinding service, AwsException e, String requestId, String hostId, boolean head) {
        Map<String, String> elements = new LinkedHashMap<>();
        ObjectNode document = e.detail() == null ? null : service.errorDocument(e);
        if (document != null) {
            document.properties()
                    .forEach(entry ->
                            elements.put(entry.getKey(), entry.getValue().asText()));
        }
        int status = e.code().httpStatus();
        String message = e.getMessage() == null ? "" : e.getMessage();
        // A 304 has no body, as a HEAD answer has none.
        WireResponse encoded = RestXmlCodec.encodeError(
                e.code().shapeName(), status, message, requestId, hostId, elements, head || status == 304);
        Map<String, String> headers = service.errorHeaders(e);
        if (headers.isEmpty()) {
            return encoded;
        }
        Map<String, String> all = new HashMap<>(encoded.headers());
        all.putAll(headers);
        return new WireResponse(encoded.status(), encoded.contentType(), all, encoded.body(), encoded.stream());
    }

    private static WireResponse withIds(WireResponse response, String requestId, String hostId) {
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("x-amz-request-id", requestId);
        headers.put("x-amz-id-2", hostId);
        return new WireResponse(response.status(), response.contentType(), headers, response.body(), response.stream());
    }

    /** S3's opaque host id of a request ({@code x-amz-id-2}), here derived from the request id. */
    private static String hostId(String requestId) {
        return Base64.getEncoder().encodeToString(("wharf/" + requestId).getBytes(StandardCharsets.UTF_8));
    }
}

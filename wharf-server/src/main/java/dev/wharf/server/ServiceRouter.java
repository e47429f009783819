package dev.wharf.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import dev.wharf.common.Caller;
import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.RpcCodec;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.StreamingBlob;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.cbor.CborCodec;
import dev.wharf.protocol.eventstream.EventStreamBody;
import dev.wharf.protocol.eventstream.EventStreamCall;
import dev.wharf.protocol.json.JsonCodec;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.query.FormDecoder;
import dev.wharf.protocol.query.QueryCodec;
import dev.wharf.protocol.restjson.RestJsonCodec;
import dev.wharf.protocol.restxml.RestXmlCodec;
import dev.wharf.protocol.rpcv2.RpcV2CborCodec;
import dev.wharf.protocol.rpcv2.RpcV2Target;
import dev.wharf.protocol.sigv4.SigV4Verifier;
import dev.wharf.protocol.sigv4.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the service, protocol and operation of each request, checks its signature, and runs it through the protocol's
 * codec and the service's binding.
 *
 * <p>Thread-safe; {@link #route} runs on the request's virtual thread and may block as long as the operation does.
 */
final class ServiceRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRouter.class);
    private static final Pattern SCOPE_SERVICE = Pattern.compile("Credential=[^/,]*/[^/,]*/[^/,]*/([^/,]*)/");
    private static final Pattern QUERY_SCOPE_SERVICE =
            Pattern.compile("(?:^|&)X-Amz-Credential=[^&]*?(?:%2F|/)[^&]*?(?:%2F|/)[^&]*?(?:%2F|/)([^&%/]*)");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String DEFAULT_XML_NAMESPACE = "https://wharf.dev/doc/";
    /** The caller of an unsigned request that a service lets through ({@link ServiceBinding#allowsAnonymous}). */
    private static final Caller ANONYMOUS = new Caller("", "", "");
    /** Bounds the stack frames that one failure writes into the log. */
    static final int MAX_LOGGED_FRAMES = 24;

    private final List<ServiceBinding> services;
    private final Map<String, ServiceBinding> byTargetPrefix = new HashMap<>();
    /** The services that speak Smithy RPC v2 CBOR, by their service shape's name, as the path names them. */
    private final Map<String, ServiceBinding> byRpcV2Service = new HashMap<>();

    private final Map<String, ServiceBinding> bySigningName = new HashMap<>();
    /** The services that speak REST-XML (S3), by signing name: a request's credential scope tells them apart. */
    private final Map<String, ServiceBinding> byRestXmlSigningName = new HashMap<>();
    /** The services that speak REST-JSON (Amazon MQ), by signing name, told apart the same way. */
    private final Map<String, ServiceBinding> byRestJsonSigningName = new HashMap<>();

    private final RestXmlRoute restXml;
    private final RestJsonRoute restJson;
    private final Map<ServiceBinding, QueryCodec> queryCodecs = new HashMap<>();
    private final SigV4Verifier verifier;
    private final JsonCodec json10 = new JsonCodec(Protocol.AWS_JSON_1_0);
    private final JsonCodec json11 = new JsonCodec(Protocol.AWS_JSON_1_1);
    /**
     * The RPC codecs in the order they are asked whether a request is theirs: the narrowest content type first. CBOR's
     * is made on the first request that any service could answer in CBOR, so that Jackson's CBOR classes stay unloaded
     * in a server that never sees one.
     */
    private volatile @Nullable List<RpcCodec> rpcCodecs;

    /** Hears of every request that reached an operation, as /metrics counts them. */
    @FunctionalInterface
    interface RequestObserver {
        RequestObserver NONE = (service, operation, status, nanos) -> {};

        /** Called on the request's thread once its answer is made; must not block. */
        void onRequest(String service, String operation, int status, long nanos);
    }

    private final RequestObserver observer;

    ServiceRouter(List<ServiceBinding> services, SigV4Verifier verifier) {
        this(services, verifier, RequestObserver.NONE);
    }

    ServiceRouter(List<ServiceBinding> services, SigV4Verifier verifier, RequestObserver observer) {
        this.services = List.copyOf(services);
        this.verifier = verifier;
        this.observer = observer;
        this.restXml = new RestXmlRoute(verifier, observer);
        this.restJson = new RestJsonRoute(verifier, observer);
        for (ServiceBinding service : services) {
            if (service.protocols().contains(Protocol.REST_XML)) {
                byRestXmlSigningName.put(service.model().signingName(), service);
            }
            if (service.protocols().contains(Protocol.REST_JSON)) {
                byRestJsonSigningName.put(service.model().signingName(), service);
            }
            String serviceId = service.model().serviceId();
            if (service.protocols().contains(Protocol.AWS_JSON_1_0)
                    || service.protocols().contains(Protocol.AWS_JSON_1_1)
                    || service.protocols().contains(Protocol.AWS_CBOR_1_1)) {
                byTargetPrefix.put(serviceId.substring(serviceId.indexOf('#') + 1), service);
            }
            if (service.protocols().contains(Protocol.SMITHY_RPC_V2_CBOR)) {
                byRpcV2Service.put(serviceId.substring(serviceId.indexOf('#') + 1), service);
            }
            bySigningName.put(service.model().signingName(), service);
            if (service.protocols().contains(Protocol.AWS_QUERY)) {
                queryCodecs.put(service, new QueryCodec(service.model(), service.queryXmlNamespace()));
            }
        }
    }

    /**
     * An HTTP request, as the transport hands it over: the request line still encoded.
     *
     * @param body the whole body, or the empty array when it streams
     * @param bodyStream the body as it arrives, for the requests that the transport streams ({@link #streamsBody});
     *     null when {@code body} holds it whole
     */
    record HttpRequest(
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> headers,
            byte[] body,
            String endpoint,
            String requestId,
            @Nullable StreamingBlob bodyStream) {

        HttpRequest(
                String method,
                String rawPath,
                String rawQuery,
                Map<String, List<String>> headers,
                byte[] body,
                String endpoint,
                String requestId) {
            this(method, rawPath, rawQuery, headers, body, endpoint, requestId, null);
        }

        /** This request with its body streaming from {@code stream}. */
        HttpRequest withBodyStream(StreamingBlob stream) {
            return new HttpRequest(method, rawPath, rawQuery, headers, new byte[0], endpoint, requestId, stream);
        }

        @Nullable
        String header(String lowerCaseName) {
            List<String> values = headers.get(lowerCaseName);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    WireResponse route(HttpRequest request) {
        String scoped = scopeService(request);
        ServiceBinding rest = scoped == null ? null : byRestXmlSigningName.get(scoped);
        if (rest != null) {
            RestXmlCodec codec = rest.restXmlCodec();
            if (codec != null) {
                return restXml.route(request, rest, codec);
            }
        }
        ServiceBinding restJsonService = scoped == null ? null : byRestJsonSigningName.get(scoped);
        if (restJsonService != null) {
            RestJsonCodec codec = restJsonService.restJsonCodec();
            if (codec != null) {
                return restJson.route(request, restJsonService, codec);
            }
        }
        RpcV2Target rpcV2 = rpcV2Target(request);
        if (rpcV2 != null) {
            return routeRpcV2(request, rpcV2);
        }
        String target = request.header("x-amz-target");
        if (target != null) {
            return routeJson(request, target);
        }
        String contentType = request.header("content-type");
        boolean form = contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(FORM);
        if (form || request.rawQuery().contains("Action=")) {
            return routeQuery(request, form);
        }
        return QueryCodec.encodeError(
                CommonError.UNKNOWN_OPERATION,
                "No operation matches " + request.method() + " " + request.rawPath() + ".",
                request.requestId(),
                DEFAULT_XML_NAMESPACE);
    }

    /**
     * The codec of an RPC request: the first of the service's protocols whose codec recognises the content type, or
     * JSON 1.0 or 1.1 as the content type says for a service that speaks neither CBOR nor that (and for no service).
     */
    private RpcCodec rpcCodec(@Nullable ServiceBinding service, @Nullable String contentType) {
        String type = contentType == null ? "" : contentType;
        if (service != null) {
            for (RpcCodec codec : rpcCodecs()) {
                if (service.protocols().contains(codec.protocol()) && codec.recognises(type)) {
                    return codec;
                }
            }
        }
        return json11.recognises(type) ? json11 : json10;
    }

    private List<RpcCodec> rpcCodecs() {
        List<RpcCodec> codecs = rpcCodecs;
        if (codecs == null) {
            codecs = List.of(new CborCodec(), json11, json10);
            rpcCodecs = codecs;
        }
        return codecs;
    }

    private WireResponse routeJson(HttpRequest request, String target) {
        int dot = target.lastIndexOf('.');
        ServiceBinding service = dot < 0 ? null : byTargetPrefix.get(target.substring(0, dot));
        Operation operation = service == null ? null : service.model().operation(target.substring(dot + 1));
        RpcCodec codec = rpcCodec(service, request.header("content-type"));
        if (service == null || operation == null) {
            return codec.encodeError(
                    CommonError.UNKNOWN_OPERATION, "Operation " + LogText.of(target) + " is not known.", false);
        }
        return invoke(request, service, operation, codec);
    }

    /** A Smithy RPC v2 CBOR request: the service by the name its path gives, among those that speak the protocol. */
    private WireResponse routeRpcV2(HttpRequest request, RpcV2Target target) {
        RpcV2CborCodec codec = RpcV2Cbor.CODEC;
        ServiceBinding service = byRpcV2Service.get(target.service());
        Operation operation = service == null ? null : service.model().operation(target.operation());
        if (service == null || operation == null) {
            return codec.encodeError(
                    CommonError.UNKNOWN_OPERATION_PATH,
                    "Operation " + LogText.of(target.operation()) + " of service " + LogText.of(target.service())
                            + " is not known.",
                    false);
        }
        try {
            codec.checkHeaders(request.headers());
        } catch (AwsException e) {
            return codec.encodeError(e.code(), messageOf(e), service.model().queryCompatible());
        }
        return invoke(request, service, operation, codec);
    }

    /** Verifies, decodes, runs and encodes a request of an RPC protocol, errors in the protocol's own shape. */
    private WireResponse invoke(HttpRequest request, ServiceBinding service, Operation operation, RpcCodec codec) {
        long start = System.nanoTime();
        WireResponse response = run(request, service, operation, codec);
        observer.onRequest(
                service.model().signingName(), operation.name(), response.status(), System.nanoTime() - start);
        return response;
    }

    private WireResponse run(HttpRequest request, ServiceBinding service, Operation operation, RpcCodec codec) {
        boolean queryCompatible = service.model().queryCompatible();
        try {
            Caller caller = verify(request, service);
            ObjectNode input = codec.decode(request.body(), service.model(), operation);
            RequestContext context = new RequestContext(
                    caller, request.requestId(), request.endpoint(), codec.protocol(), request.rawPath());
            if (operation.streamsEvents()) {
                EventStreamCall call = service.openEventStream(operation, input, context);
                return WireResponse.streaming(
                        200,
                        EventStreamBody.CONTENT_TYPE,
                        Map.of(),
                        new EventStreamBody(call, codec, service.model(), operation));
            }
            return service.finish(codec.encode(service.invoke(operation, input, context), service.model(), operation));
        } catch (AwsException e) {
            ObjectNode members = e.detail() == null ? null : service.errorDocument(e);
            return service.finish(codec.encodeError(e.code(), messageOf(e), queryCompatible, members));
        } catch (RuntimeException e) {
            logFailure(service, operation, e);
            return service.finish(
                    codec.encodeError(CommonError.INTERNAL_FAILURE, "An internal error occurred.", queryCompatible));
        }
    }

    private WireResponse routeQuery(HttpRequest request, boolean form) {
        Map<String, List<String>> params;
        try {
            params = FormDecoder.decode(request.rawQuery(), form ? request.body() : new byte[0]);
        } catch (AwsException e) {
            ServiceBinding scoped = queryService(request, "");
            String namespace = scoped == null ? DEFAULT_XML_NAMESPACE : scoped.queryXmlNamespace();
            return QueryCodec.encodeError(e.code(), messageOf(e), request.requestId(), namespace);
        }
        List<String> actions = params.get("Action");
        String action = actions == null || actions.isEmpty() ? "" : actions.get(0);
        ServiceBinding service = queryService(request, action);
        String namespace = service == null ? DEFAULT_XML_NAMESPACE : service.queryXmlNamespace();
        Operation operation = service == null ? null : service.model().operation(action);
        if (service == null || operation == null) {
            return QueryCodec.encodeError(
                    CommonError.INVALID_ACTION,
                    "The action " + LogText.of(action) + " is not valid for this endpoint.",
                    request.requestId(),
                    namespace);
        }
        long start = System.nanoTime();
        WireResponse response = runQuery(request, service, operation, params, namespace);
        observer.onRequest(
                service.model().signingName(), operation.name(), response.status(), System.nanoTime() - start);
        return response;
    }

    private WireResponse runQuery(
            HttpRequest request,
            ServiceBinding service,
            Operation operation,
            Map<String, List<String>> params,
            String namespace) {
        try {
            Caller caller = unsigned(request) && service.allowsAnonymous(operation.name())
                    ? ANONYMOUS
                    : verify(request, service);
            QueryCodec codec = queryCodecs.get(service);
            if (codec == null) {
                throw new IllegalStateException(service.model().serviceId() + " has no Query codec");
            }
            ObjectNode input = codec.decode(operation, params);
            RequestContext context = new RequestContext(
                    caller, request.requestId(), request.endpoint(), Protocol.AWS_QUERY, request.rawPath());
            JsonNode result = service.invoke(operation, input, context);
            return codec.encode(operation, result, request.requestId());
        } catch (AwsException e) {
            return QueryCodec.encodeError(e.code(), messageOf(e), request.requestId(), namespace);
        } catch (RuntimeException e) {
            logFailure(service, operation, e);
            return QueryCodec.encodeError(
                    CommonError.INTERNAL_FAILURE, "An internal error occurred.", request.requestId(), namespace);
        }
    }

    /** The Query service: the one the credential scope names, else the only one with the action. */
    private @Nullable ServiceBinding queryService(HttpRequest request, String action) {
        String scoped = scopeService(request);
        if (scoped != null) {
            ServiceBinding service = bySigningName.get(scoped);
            if (service != null && queryCodecs.containsKey(service)) {
                return service;
            }
        }
        for (ServiceBinding service : services) {
            if (queryCodecs.containsKey(service) && service.model().operation(action) != null) {
                return service;
            }
        }
        return null;
    }

    private static @Nullable String scopeService(HttpRequest request) {
        return scopeService(request.header("authorization"), request.rawQuery());
    }

    /** The service a request's SigV4 credential scope names, from its Authorization header or presigned query. */
    static @Nullable String scopeService(@Nullable String authorization, String rawQuery) {
        if (authorization != null) {
            Matcher matcher = SCOPE_SERVICE.matcher(authorization);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        Matcher matcher = QUERY_SCOPE_SERVICE.matcher(rawQuery);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The signing name of the services whose request bodies the transport streams rather than aggregates. */
    static final String STREAMING_SIGNING_NAME = "s3";

    /**
     * Whether the transport streams a request's body to the application as it arrives ({@link
     * HttpRequest#bodyStream}) instead of aggregating it: a PUT or POST signed for S3, whose objects reach 5 GiB.
     */
    static boolean streamsBody(String method, @Nullable String authorization, String rawQuery) {
        return (method.equals("PUT") || method.equals("POST"))
                && STREAMING_SIGNING_NAME.equals(scopeService(authorization, rawQuery));
    }

    /** A request with neither an Authorization header nor a presigned query's signature. */
    private static boolean unsigned(HttpRequest request) {
        return request.header("authorization") == null
                && !request.rawQuery().contains("X-Amz-Signature=")
                && !request.rawQuery().contains("X-Amz-Credential=");
    }

    private Caller verify(HttpRequest request, ServiceBinding service) {
        SignedRequest signed = new SignedRequest(
                request.method(), request.rawPath(), request.rawQuery(), request.headers(), request.body());
        return verifier.verify(signed, service.model().signingName());
    }

    /** Logs an operation's unexpected failure; its messages may hold a client's text, so they are bounded and escaped. */
    private static void logFailure(ServiceBinding service, Operation operation, RuntimeException e) {
        LOG.error(
                "{} {} failed: {}",
                service.model().signingName(),
                operation.name(),
                LogText.failure(e, MAX_LOGGED_FRAMES));
    }

    private static String messageOf(AwsException e) {
        String message = e.getMessage();
        return message == null ? "" : message;
    }

    private static @Nullable RpcV2Target rpcV2Target(HttpRequest request) {
        return RpcV2Target.of(request.rawPath(), request.header(RpcV2Target.PROTOCOL_HEADER));
    }

    /** Encodes an error that the transport itself answers, in the Query shape that every AWS client can read. */
    static WireResponse transportError(AwsErrorCode code, String message, String requestId) {
        return QueryCodec.encodeError(code, message, requestId, DEFAULT_XML_NAMESPACE);
    }

    /**
     * Encodes an error that the transport answers for a request whose head it has read, in that request's protocol
     * shape: Smithy RPC v2 CBOR's when its path and header are that protocol's; JSON (with {@code __type} and the
     * request's JSON content type) when it names an {@code X-Amz-Target} or sends a JSON content type; else the Query
     * {@code ErrorResponse}.
     */
    static WireResponse transportError(HttpRequest request, AwsErrorCode code, String message) {
        if (STREAMING_SIGNING_NAME.equals(scopeService(request)) && request.header("x-amz-target") == null) {
            return RestXmlCodec.encodeError(
                    code.shapeName(),
                    code.httpStatus(),
                    message,
                    request.requestId(),
                    request.requestId(),
                    Map.of(),
                    request.method().equals("HEAD"));
        }
        if (restJsonScope(scopeService(request)) && request.header("x-amz-target") == null) {
            return RestJsonRoute.transportError(code, message, request.requestId());
        }
        if (rpcV2Target(request) != null) {
            return RpcV2Cbor.CODEC.encodeError(code, message, false);
        }
        String contentType = request.header("content-type");
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (request.header("x-amz-target") != null || type.startsWith("application/x-amz-json")) {
            return (type.contains("1.1") ? TRANSPORT_JSON_11 : TRANSPORT_JSON_10).encodeError(code, message, false);
        }
        return transportError(code, message, request.requestId());
    }

    /**
     * The methods that a request's protocol accepts, as an {@code Allow} header lists them, told by its {@code
     * X-Amz-Target} header or its Smithy RPC v2 path and header: the JSON protocols and RPC v2 are POST only; the Query
     * protocol takes GET (presigned URLs, {@code ?Action=}) and POST.
     *
     * @param rawPath the request's path, without its query string
     */
    static String allowedMethods(String rawPath, @Nullable String target, @Nullable String smithyProtocol) {
        return target != null || RpcV2Target.of(rawPath, smithyProtocol) != null ? "POST" : "GET, POST";
    }

    /** The signing names of the REST-JSON services, whose transport errors take that protocol's shape. */
    static final java.util.Set<String> REST_JSON_SIGNING_NAMES = java.util.Set.of("mq");

    private static boolean restJsonScope(@Nullable String scoped) {
        return scoped != null && REST_JSON_SIGNING_NAMES.contains(scoped);
    }

    /** The methods of a REST protocol's requests (S3's, MQ's), which name their operation by method and path. */
    static final String REST_METHODS = "GET, PUT, POST, DELETE, HEAD";

    /**
     * The methods that a request's protocol accepts, as {@link #allowedMethods(String, String, String)} says, or all of
     * {@link #REST_METHODS} for a request signed for a REST service.
     */
    static String allowedMethods(
            String rawPath,
            @Nullable String target,
            @Nullable String smithyProtocol,
            @Nullable String authorization,
            String rawQuery) {
        String scoped = scopeService(authorization, rawQuery);
        if (target == null && (STREAMING_SIGNING_NAME.equals(scoped) || restJsonScope(scoped))) {
            return REST_METHODS;
        }
        return allowedMethods(rawPath, target, smithyProtocol);
    }

    /**
     * The RPC v2 codec, made on the first RPC v2 request (or transport error of one), so that Jackson's CBOR classes
     * stay unloaded in a server that never sees one.
     */
    private static final class RpcV2Cbor {
        static final RpcV2CborCodec CODEC = new RpcV2CborCodec();
    }

    private static final JsonCodec TRANSPORT_JSON_10 = new JsonCodec(Protocol.AWS_JSON_1_0);
    private static final JsonCodec TRANSPORT_JSON_11 = new JsonCodec(Protocol.AWS_JSON_1_1);

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

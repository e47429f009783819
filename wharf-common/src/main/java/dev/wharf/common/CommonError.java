package dev.wharf.common;

/** The errors that AWS answers the same way for every service: routing, signatures and malformed requests. */
public enum CommonError implements AwsErrorCode {
    INVALID_ACTION("InvalidAction", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    /**
     * A Smithy RPC v2 path that names no service or operation of this server: 404, as Smithy's own servers answer it
     * (the JSON protocols' unknown X-Amz-Target is a 400).
     */
    UNKNOWN_OPERATION_PATH("UnknownOperationException", 404),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    REQUEST_EXPIRED("RequestExpired", 400),
    ACCESS_DENIED("AccessDenied", 403),
    SERIALIZATION("SerializationException", 400),
    MALFORMED_QUERY_STRING("MalformedQueryString", 404),
    INVALID_QUERY_PARAMETER("InvalidQueryParameter", 400),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
    MISSING_PARAMETER("MissingParameter", 400),
    /** A member that breaks a constraint of the service's model (required, pattern, length, range, enum). */
    VALIDATION_ERROR("ValidationError", 400),
    /*
     * The transport's own answers (HTTP framing, methods, deadlines, sizes): AWS documents none of these for its JSON
     * and Query endpoints, so the codes are Wharf's, named after their HTTP statuses as S3 names its own. None is a 5xx:
     * each is the client's mistake.
     */
    BAD_REQUEST("BadRequest", 400),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
    REQUEST_TIMEOUT("RequestTimeout", 408),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413),
    EXPECTATION_FAILED("ExpectationFailed", 417),
    /** A Smithy RPC v2 request whose body is not {@code application/cbor}: 415, as Smithy's own servers answer it. */
    UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaTypeException", 415),
    INTERNAL_FAILURE("InternalFailure", 500, false),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, false);

    private final String name;
    private final int httpStatus;
    private final boolean senderFault;

    CommonError(String name, int httpStatus) {
        this(name, httpStatus, true);
    }

    CommonError(String name, int httpStatus, boolean senderFault) {
        this.name = name;
        this.httpStatus = httpStatus;
        this.senderFault = senderFault;
    }

    @Override
    public String shapeName() {
        return name;
    }

    @Override
    public String queryCode() {
        return name;
    }

    @Override
    public String jsonNamespace() {
        return "";
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public boolean senderFault() {
        return senderFault;
    }

    public AwsException with(String message) {
        return new AwsException(this, message);
    }
}

package dev.wharf.protocol.sigv4;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;

/**
 * The errors that S3 answers for a request's signature, its {@code x-amz-content-sha256} and the integrity of its
 * body, where they differ from the {@link dev.wharf.common.CommonError} answers of the other services.
 */
public enum S3RequestError implements AwsErrorCode {
    ACCESS_DENIED("AccessDenied", 403),
    AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400),
    AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400),
    BAD_DIGEST("BadDigest", 400),
    INCOMPLETE_BODY("IncompleteBody", 400),
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
    INVALID_ARGUMENT("InvalidArgument", 400),
    INVALID_DIGEST("InvalidDigest", 400),
    INVALID_REQUEST("InvalidRequest", 400),
    INVALID_URI("InvalidURI", 400),
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    X_AMZ_CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400);

    /** S3's answer to a presigned URL that lacks one of its parameters. */
    static final String PRESIGNED_PARAMETERS_MESSAGE = "Query-string authentication version 4 requires the"
            + " X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires"
            + " parameters.";

    private final String code;
    private final int httpStatus;

    S3RequestError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    @Override
    public String shapeName() {
        return code;
    }

    @Override
    public String queryCode() {
        return code;
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
        return true;
    }

    public AwsException with(String message) {
        return new AwsException(this, message);
    }

    /**
     * S3's answer to a fault that the decoder shared with the other services found, with the {@link CommonError} it
     * threw; an error that is already S3's is returned as it is.
     */
    static AwsException fromCommon(AwsException error, boolean presigned) {
        if (!(error.code() instanceof CommonError common)) {
            return error;
        }
        String message = String.valueOf(error.getMessage());
        return switch (common) {
            case MISSING_AUTHENTICATION_TOKEN -> ACCESS_DENIED.with("Access Denied");
            case INCOMPLETE_SIGNATURE ->
                presigned
                        ? AUTHORIZATION_QUERY_PARAMETERS_ERROR.with(
                                message.startsWith("AWS query-string parameters must include")
                                        ? PRESIGNED_PARAMETERS_MESSAGE
                                        : message)
                        : AUTHORIZATION_HEADER_MALFORMED.with(message);
            case SIGNATURE_DOES_NOT_MATCH -> SIGNATURE_DOES_NOT_MATCH.with(message);
            case INVALID_CLIENT_TOKEN_ID ->
                INVALID_ACCESS_KEY_ID.with("The AWS Access Key Id you provided does not exist in our records.");
            case REQUEST_EXPIRED -> ACCESS_DENIED.with("Request has expired");
            case MALFORMED_QUERY_STRING -> INVALID_URI.with("Couldn't parse the specified URI.");
            default -> error;
        };
    }
}

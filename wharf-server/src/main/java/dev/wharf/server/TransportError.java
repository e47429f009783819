package dev.wharf.server;

import dev.wharf.common.AwsErrorCode;

/**
 * The errors that the transport answers itself, before any service sees the request: HTTP framing, methods, deadlines
 * and size limits.
 *
 * <p>AWS documents none of these for its JSON and Query endpoints, so the codes are Wharf's, named after the HTTP
 * statuses, as S3 names its own ({@code MethodNotAllowed}, {@code RequestTimeout}). None is a 5xx: every one of them
 * is the client's mistake.
 */
enum TransportError implements AwsErrorCode {
    BAD_REQUEST("BadRequest", 400, true),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405, true),
    REQUEST_TIMEOUT("RequestTimeout", 408, true),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413, true),
    EXPECTATION_FAILED("ExpectationFailed", 417, true);

    private final String code;
    private final int httpStatus;
    private final boolean senderFault;

    TransportError(String code, int httpStatus, boolean senderFault) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.senderFault = senderFault;
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
        return senderFault;
    }
}

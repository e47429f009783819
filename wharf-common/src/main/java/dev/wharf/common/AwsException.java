package dev.wharf.common;

/**
 * An AWS error that a request ends with: an entry of a service's error catalogue and the message for this occurrence.
 *
 * <p>Engines throw it for every client mistake; codecs write it in their protocol's shape. It carries no stack trace
 * because it is an answer, not a fault.
 */
public final class AwsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient AwsErrorCode code;

    public AwsException(AwsErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public AwsErrorCode code() {
        return code;
    }
}

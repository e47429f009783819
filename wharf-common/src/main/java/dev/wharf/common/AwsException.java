package dev.wharf.common;

import org.jspecify.annotations.Nullable;

/**
 * An AWS error that a request ends with: an entry of a service's error catalogue and the message for this occurrence.
 *
 * <p>Engines throw it for every client mistake; codecs write it in their protocol's shape. It carries no stack trace
 * because it is an answer, not a fault.
 */
public final class AwsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient AwsErrorCode code;
    private final transient @Nullable Record detail;

    public AwsException(AwsErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * An error whose shape has members beside its message, such as DynamoDB's TransactionCanceledException and its
     * CancellationReasons: {@code detail} holds them as a record of the service's api, which its binding writes.
     */
    public AwsException(AwsErrorCode code, String message, @Nullable Record detail) {
        super(message, null, false, false);
        this.code = code;
        this.detail = detail;
    }

    public AwsErrorCode code() {
        return code;
    }

    /** The error's other members, or null when it has none but its message. */
    public @Nullable Record detail() {
        return detail;
    }
}

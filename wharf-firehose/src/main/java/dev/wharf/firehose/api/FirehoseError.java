package dev.wharf.firehose.api;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;

/**
 * Every error that Amazon Data Firehose answers, with the code and HTTP status that its model declares (400 for its client
 * errors, the model naming no other; 503 for ServiceUnavailableException, its one server fault), and
 * {@code ValidationException}, which the model does not declare but the service answers for a member that breaks its
 * constraints ("1 validation error detected: ...").
 *
 * <p>Firehose speaks JSON 1.1; its {@code __type} is the bare shape name. Note the model's spelling {@code
 * InvalidKMSResourceException}.
 */
public enum FirehoseError implements AwsErrorCode {
    ConcurrentModification("ConcurrentModificationException", 400),
    InvalidArgument("InvalidArgumentException", 400),
    InvalidKmsResource("InvalidKMSResourceException", 400),
    InvalidSource("InvalidSourceException", 400),
    LimitExceeded("LimitExceededException", 400),
    ResourceInUse("ResourceInUseException", 400),
    ResourceNotFound("ResourceNotFoundException", 400),
    /** A server fault in the model (no status given): 503, which the SDKs retry with back-off. */
    ServiceUnavailable("ServiceUnavailableException", 503),
    Validation("ValidationException", 400);

    private final String code;
    private final int httpStatus;

    FirehoseError(String code, int httpStatus) {
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
        return httpStatus < 500;
    }

    /** This error with a message, ready to throw. */
    public AwsException with(String message) {
        return new AwsException(this, message);
    }
}

package dev.wharf.kinesis.api;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;

/**
 * Every error that Kinesis Data Streams answers, with the code and HTTP status that the service model declares (read
 * from the SDK v2 client's modelled exceptions: every one is 400 but {@code InternalFailureException}, 500).
 *
 * <p>Kinesis speaks JSON 1.1 and CBOR; its {@code __type} is the bare shape name. Note the model's one irregular name,
 * {@code KMSOptInRequired}, without the suffix.
 */
public enum KinesisError implements AwsErrorCode {
    AccessDenied("AccessDeniedException", 400),
    ExpiredIterator("ExpiredIteratorException", 400),
    ExpiredNextToken("ExpiredNextTokenException", 400),
    InternalFailure("InternalFailureException", 500),
    InvalidArgument("InvalidArgumentException", 400),
    KmsAccessDenied("KMSAccessDeniedException", 400),
    KmsDisabled("KMSDisabledException", 400),
    KmsInvalidState("KMSInvalidStateException", 400),
    KmsNotFound("KMSNotFoundException", 400),
    KmsOptInRequired("KMSOptInRequired", 400),
    KmsThrottling("KMSThrottlingException", 400),
    LimitExceeded("LimitExceededException", 400),
    ProvisionedThroughputExceeded("ProvisionedThroughputExceededException", 400),
    ResourceInUse("ResourceInUseException", 400),
    ResourceNotFound("ResourceNotFoundException", 400),
    Validation("ValidationException", 400);

    private final String code;
    private final int httpStatus;

    KinesisError(String code, int httpStatus) {
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

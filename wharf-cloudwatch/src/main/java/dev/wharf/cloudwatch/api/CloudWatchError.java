package dev.wharf.cloudwatch.api;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;

/**
 * Every error that CloudWatch's metrics and alarms answer: the error shapes of the model with the Query codes of their
 * {@code awsQueryError} traits, and {@code ValidationError}, which the model does not declare but the service answers
 * for a member outside its constraints.
 *
 * <p>CloudWatch is query-compatible: over JSON and RPC v2 CBOR the {@code __type} is the shape id and the {@code
 * x-amzn-query-error} header carries the Query code, from which the SDKs take the error code.
 */
public enum CloudWatchError implements AwsErrorCode {
    ConcurrentModification("ConcurrentModificationException", "ConcurrentModificationException", 429),
    Conflict("ConflictException", "ConflictException", 409),
    InternalServiceError("InternalServiceFault", "InternalServiceError", 500),
    InvalidFormat("InvalidFormatFault", "InvalidFormat", 400),
    InvalidNextToken("InvalidNextToken", "InvalidNextToken", 400),
    InvalidParameterCombination("InvalidParameterCombinationException", "InvalidParameterCombination", 400),
    InvalidParameterValue("InvalidParameterValueException", "InvalidParameterValue", 400),
    LimitExceeded("LimitExceededFault", "LimitExceeded", 400),
    MissingParameter("MissingRequiredParameterException", "MissingParameter", 400),
    /** DeleteAlarms and SetAlarmState's error for an alarm that does not exist. */
    ResourceNotFound("ResourceNotFound", "ResourceNotFound", 404),
    /** The tagging operations' error for a resource that does not exist. */
    ResourceNotFoundException("ResourceNotFoundException", "ResourceNotFoundException", 404),
    ValidationError("ValidationError", "ValidationError", 400);

    private static final String NAMESPACE = "com.amazonaws.cloudwatch";

    private final String shapeName;
    private final String queryCode;
    private final int httpStatus;

    CloudWatchError(String shapeName, String queryCode, int httpStatus) {
        this.shapeName = shapeName;
        this.queryCode = queryCode;
        this.httpStatus = httpStatus;
    }

    @Override
    public String shapeName() {
        return shapeName;
    }

    @Override
    public String queryCode() {
        return queryCode;
    }

    @Override
    public String jsonNamespace() {
        return NAMESPACE;
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

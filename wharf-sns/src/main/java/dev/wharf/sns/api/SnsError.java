package dev.wharf.sns.api;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;

/**
 * Every error that Amazon SNS answers: its Query code and its HTTP status, as the service model declares them.
 *
 * <p>SNS speaks only Query, so the code is the wire's whole name for an error; the constant is the model's shape name
 * without its {@code Exception} suffix. Messages are worded as AWS words them.
 */
public enum SnsError implements AwsErrorCode {
    AuthorizationError("AuthorizationError", 403),
    BatchEntryIdsNotDistinct("BatchEntryIdsNotDistinct", 400),
    BatchRequestTooLong("BatchRequestTooLong", 400),
    ConcurrentAccess("ConcurrentAccess", 400),
    EmptyBatchRequest("EmptyBatchRequest", 400),
    EndpointDisabled("EndpointDisabled", 400),
    FilterPolicyLimitExceeded("FilterPolicyLimitExceeded", 403),
    InternalError("InternalError", 500),
    InvalidBatchEntryId("InvalidBatchEntryId", 400),
    InvalidParameter("InvalidParameter", 400),
    /** The model's {@code InvalidParameterValueException}. */
    InvalidParameterValue("ParameterValueInvalid", 400),
    InvalidSecurity("InvalidSecurity", 403),
    InvalidState("InvalidState", 400),
    KmsAccessDenied("KMSAccessDenied", 400),
    KmsDisabled("KMSDisabled", 400),
    KmsInvalidState("KMSInvalidState", 400),
    KmsNotFound("KMSNotFound", 400),
    KmsOptInRequired("KMSOptInRequired", 403),
    KmsThrottling("KMSThrottling", 400),
    NotFound("NotFound", 404),
    OptedOut("OptedOut", 400),
    PlatformApplicationDisabled("PlatformApplicationDisabled", 400),
    ReplayLimitExceeded("ReplayLimitExceeded", 403),
    ResourceNotFound("ResourceNotFound", 404),
    StaleTag("StaleTag", 400),
    SubscriptionLimitExceeded("SubscriptionLimitExceeded", 403),
    TagLimitExceeded("TagLimitExceeded", 400),
    TagPolicy("TagPolicy", 400),
    Throttled("Throttled", 429),
    TooManyEntriesInBatchRequest("TooManyEntriesInBatchRequest", 400),
    TopicLimitExceeded("TopicLimitExceeded", 403),
    UserError("UserError", 400),
    ValidationException("ValidationException", 400),
    VerificationException("VerificationException", 400);

    private final String queryCode;
    private final int httpStatus;

    SnsError(String queryCode, int httpStatus) {
        this.queryCode = queryCode;
        this.httpStatus = httpStatus;
    }

    @Override
    public String shapeName() {
        return queryCode;
    }

    @Override
    public String queryCode() {
        return queryCode;
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

    /** An exception of this error with the given message. */
    public AwsException with(String message) {
        return new AwsException(this, message);
    }

    /** AWS's {@code InvalidParameter} text: "Invalid parameter: {parameter}" with an optional reason. */
    public static AwsException invalidParameter(String parameter, String reason) {
        return InvalidParameter.with(
                reason.isEmpty()
                        ? "Invalid parameter: " + parameter
                        : "Invalid parameter: " + parameter + " " + reason);
    }
}

package dev.wharf.dynamodb.api;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;

/**
 * Every error that Wharf's DynamoDB answers, with the code, HTTP status and {@code __type} namespace that DynamoDB
 * writes.
 *
 * <p>DynamoDB speaks JSON 1.0. Its modelled errors carry the namespace {@code com.amazonaws.dynamodb.v20120810}; the
 * two that its request layer answers before the service sees the call, {@code ValidationException} and {@code
 * SerializationException}, carry the framework's own ({@code com.amazon.coral.validate} and {@code
 * com.amazon.coral.service}), as DynamoDB writes them. The SDKs read the code after the {@code #}, so the namespace is
 * for clients that compare the whole {@code __type}.
 */
public enum DynamoDbError implements AwsErrorCode {
    ConditionalCheckFailed("ConditionalCheckFailedException", 400),
    IdempotentParameterMismatch("IdempotentParameterMismatchException", 400),
    InternalServerError("InternalServerError", 500),
    ItemCollectionSizeLimitExceeded("ItemCollectionSizeLimitExceededException", 400),
    LimitExceeded("LimitExceededException", 400),
    ProvisionedThroughputExceeded("ProvisionedThroughputExceededException", 400),
    RequestLimitExceeded("RequestLimitExceeded", 400),
    ResourceInUse("ResourceInUseException", 400),
    ResourceNotFound("ResourceNotFoundException", 400),
    Serialization("SerializationException", 400, "com.amazon.coral.service"),
    TransactionCanceled("TransactionCanceledException", 400),
    TransactionConflict("TransactionConflictException", 400),
    TransactionInProgress("TransactionInProgressException", 400),
    Validation("ValidationException", 400, "com.amazon.coral.validate");

    /** The namespace of the errors that DynamoDB's model declares. */
    public static final String NAMESPACE = "com.amazonaws.dynamodb.v20120810";

    private final String code;
    private final int httpStatus;
    private final String namespace;

    DynamoDbError(String code, int httpStatus) {
        this(code, httpStatus, NAMESPACE);
    }

    DynamoDbError(String code, int httpStatus, String namespace) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.namespace = namespace;
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
        return namespace;
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

package dev.wharf.sqs.api;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;

/**
 * Every error that Amazon SQS answers: its shape name for JSON, its Query code and its HTTP status.
 *
 * <p>Every error that the service model declares is here, checked against the model by a test (the {@code Kms*}
 * errors wait for encryption with KMS); the three that AWS sends but the model omits ({@code InvalidParameterValue},
 * {@code MissingParameter} and {@code InvalidParameterCombination}) are written as AWS sends them. Messages are worded
 * as AWS words them over JSON; the binding rewords the few that differ over Query.
 */
public enum SqsError implements AwsErrorCode {
    BatchEntryIdsNotDistinct("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400),
    BatchRequestTooLong("AWS.SimpleQueueService.BatchRequestTooLong", 400),
    EmptyBatchRequest("AWS.SimpleQueueService.EmptyBatchRequest", 400),
    InvalidAddress("InvalidAddress", 404),
    InvalidAttributeName("InvalidAttributeName", 400),
    InvalidAttributeValue("InvalidAttributeValue", 400),
    InvalidBatchEntryId("AWS.SimpleQueueService.InvalidBatchEntryId", 400),
    InvalidIdFormat("InvalidIdFormat", 400),
    InvalidMessageContents("InvalidMessageContents", 400),
    InvalidSecurity("InvalidSecurity", 403),
    KmsAccessDenied("KMS.AccessDeniedException", 400),
    KmsDisabled("KMS.DisabledException", 400),
    KmsInvalidKeyUsage("KMS.InvalidKeyUsageException", 400),
    KmsInvalidState("KMS.InvalidStateException", 400),
    KmsNotFound("KMS.NotFoundException", 400),
    KmsOptInRequired("KMS.OptInRequired", 403),
    KmsThrottled("KMS.ThrottlingException", 400),
    MessageNotInflight("AWS.SimpleQueueService.MessageNotInflight", 400),
    OverLimit("OverLimit", 403),
    PurgeQueueInProgress("AWS.SimpleQueueService.PurgeQueueInProgress", 403),
    QueueDeletedRecently("AWS.SimpleQueueService.QueueDeletedRecently", 400),
    QueueDoesNotExist("AWS.SimpleQueueService.NonExistentQueue", 400),
    QueueNameExists("QueueAlreadyExists", 400),
    ReceiptHandleIsInvalid("ReceiptHandleIsInvalid", 404),
    RequestThrottled("RequestThrottled", 403),
    ResourceNotFoundException("ResourceNotFoundException", 404),
    TooManyEntriesInBatchRequest("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400),
    UnsupportedOperation("AWS.SimpleQueueService.UnsupportedOperation", 400),
    /** Not in the model: AWS sends it as {@code InvalidParameterValueException} over JSON. */
    InvalidParameterValueException("InvalidParameterValue", 400),
    /** Not in the model: AWS sends it as {@code MissingRequiredParameterException} over JSON. */
    MissingRequiredParameterException("MissingParameter", 400),
    /** Not in the model: AWS sends it for batch entries that mix queue types' rules. */
    InvalidParameterCombination("InvalidParameterCombination", 400);

    /** The namespace of the JSON {@code __type}, as Amazon SQS writes it. */
    public static final String NAMESPACE = "com.amazonaws.sqs";

    private final String queryCode;
    private final int httpStatus;

    SqsError(String queryCode, int httpStatus) {
        this.queryCode = queryCode;
        this.httpStatus = httpStatus;
    }

    @Override
    public String shapeName() {
        return name();
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
        return true;
    }

    /** An exception of this error with the given message. */
    public AwsException with(String message) {
        return new AwsException(this, message);
    }
}

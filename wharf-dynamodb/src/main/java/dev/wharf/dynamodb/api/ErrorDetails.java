package dev.wharf.dynamodb.api;

import java.util.List;
import java.util.Map;

/**
 * The members that some of DynamoDB's errors carry beside their message, as {@link dev.wharf.common.AwsException#detail()}
 * holds them for the binding to write.
 */
public final class ErrorDetails {

    private ErrorDetails() {}

    /** TransactionCanceledException's reasons, one per action of the transaction, in its order. */
    public record TransactionCanceled(List<CancellationReason> cancellationReasons) {}

    /** A ConditionalCheckFailedException's item, when the call asked for it and the item exists. */
    public record ConditionalCheckFailed(Map<String, AttributeValue> item) {}
}

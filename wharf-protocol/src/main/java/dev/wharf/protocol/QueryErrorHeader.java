package dev.wharf.protocol;

import dev.wharf.common.AwsErrorCode;
import java.util.Map;

/**
 * The {@code x-amzn-query-error} header that a query-compatible service ({@code awsQueryCompatible}) adds to an error
 * in another protocol, so that clients report the error's Query code: {@code <code>;Sender} or {@code
 * <code>;Receiver}. The SDK v2 and botocore take the error code from it.
 */
public final class QueryErrorHeader {

    public static final String NAME = "x-amzn-query-error";

    private QueryErrorHeader() {}

    /** The header for an error, or none when the service is not query-compatible. */
    public static Map<String, String> of(AwsErrorCode code, boolean queryCompatible) {
        return queryCompatible
                ? Map.of(NAME, code.queryCode() + ";" + (code.senderFault() ? "Sender" : "Receiver"))
                : Map.of();
    }
}

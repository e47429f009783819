package dev.wharf.common;

/**
 * One entry of a service's error catalogue: the wire names and the HTTP status of an AWS error.
 *
 * <p>Each service keeps its errors in an enum that implements this interface, so that every protocol codec can write any
 * error in its own shape without knowing the service.
 */
public interface AwsErrorCode {

    /** The error's shape name, as JSON protocols write it in {@code __type} (for example {@code QueueDoesNotExist}). */
    String shapeName();

    /**
     * The code that the Query protocol writes in {@code <Code>} and that query-compatible JSON services send in the
     * {@code x-amzn-query-error} header (for example {@code AWS.SimpleQueueService.NonExistentQueue}).
     */
    String queryCode();

    /** The namespace that qualifies {@link #shapeName()} in a JSON {@code __type}, or empty for none. */
    String jsonNamespace();

    int httpStatus();

    /** True when the caller is at fault ({@code Sender}), false when the server is ({@code Receiver}). */
    boolean senderFault();

    /** The JSON {@code __type}: the shape name, qualified by its namespace when it has one. */
    default String jsonType() {
        return jsonNamespace().isEmpty() ? shapeName() : jsonNamespace() + "#" + shapeName();
    }
}

package dev.wharf.sns.engine.delivery;

/**
 * What one attempt to deliver to an HTTP/S endpoint came to, in the terms of AWS's delivery policy: delivered, failed
 * and worth a retry, or failed for good.
 *
 * <p>AWS documents that it retries after HTTP status codes 100 to 101 and 500 to 599, after a request that gets no
 * answer within {@link DeliveryLimits#HTTP_REQUEST_TIMEOUT}, and after any connection error (the connection refused or
 * timed out, the endpoint unreachable, a bad TLS certificate); that 400 to 499 are a permanent failure, 429 among them;
 * and counts every other answer as delivered.
 */
public enum DeliveryOutcome {
    /** The endpoint took the message. */
    SUCCESS,
    /** The attempt failed in a way a later attempt may not: the retry policy's next retry follows. */
    RETRYABLE_FAILURE,
    /** The endpoint refused the message: no retry follows, and the message goes to the dead-letter queue, if any. */
    PERMANENT_FAILURE;

    /** The outcome of an attempt that an HTTP/S endpoint answered with {@code status}. */
    public static DeliveryOutcome classify(int status) {
        if (status == 100 || status == 101 || status >= 500 && status <= 599) {
            return RETRYABLE_FAILURE;
        }
        if (status >= 400 && status <= 499) {
            return PERMANENT_FAILURE;
        }
        // HTTP has no status outside 100 to 599; an endpoint that sends one is broken, and may not stay broken.
        return status >= 100 && status <= 599 ? SUCCESS : RETRYABLE_FAILURE;
    }

    /**
     * The outcome of invoking a Lambda function, which SNS does asynchronously: 2xx means Lambda took the event
     * (whatever the function then does with it); 429 (Lambda throttled the invocation) and 5xx are Lambda's side and
     * worth a retry; any other 4xx is a client-side error (no such function, or SNS may not invoke it), which AWS does
     * not retry. Statuses that Lambda's Invoke API never answers with are retried.
     */
    public static DeliveryOutcome classifyInvoke(int status) {
        if (status >= 200 && status <= 299) {
            return SUCCESS;
        }
        if (status >= 400 && status <= 499 && status != 429) {
            return PERMANENT_FAILURE;
        }
        return RETRYABLE_FAILURE;
    }

    /** The outcome of an attempt that timed out or could not connect: always worth a retry. */
    public static DeliveryOutcome noAnswer() {
        return RETRYABLE_FAILURE;
    }

    /** Whether the retry policy's next retry follows this outcome. */
    public boolean retried() {
        return this == RETRYABLE_FAILURE;
    }
}

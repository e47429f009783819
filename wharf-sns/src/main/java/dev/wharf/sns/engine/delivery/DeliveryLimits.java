package dev.wharf.sns.engine.delivery;

import java.time.Duration;

/** AWS's bounds on HTTP/S delivery policies and deliveries, as the SNS developer guide states them. */
public final class DeliveryLimits {

    /** The most retries an HTTP/S retry policy may ask for ({@code numRetries}: 0 to 100). */
    public static final int NUM_RETRIES_MAX = 100;

    /** The smallest {@code minDelayTarget} and {@code maxDelayTarget}, in seconds. */
    public static final int DELAY_TARGET_MIN = 1;

    /** The largest {@code minDelayTarget} and {@code maxDelayTarget}, in seconds. */
    public static final int DELAY_TARGET_MAX = 3600;

    /** The smallest {@code maxReceivesPerSecond}; there is no largest but the integer's. */
    public static final int MAX_RECEIVES_PER_SECOND_MIN = 1;

    /**
     * How long the retries of one HTTP/S delivery may wait in all: "the total policy retry time for an HTTP/S endpoint
     * cannot be greater than 3,600 seconds", a hard limit.
     */
    public static final Duration HTTP_RETRY_TIME_MAX = Duration.ofSeconds(3600);

    /** How long Amazon SNS waits for an HTTP/S endpoint to answer before it counts the attempt as failed. */
    public static final Duration HTTP_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /**
     * How long Wharf waits for a Lambda invocation to answer. SNS invokes functions asynchronously, so Lambda answers
     * at once; the runtime interface emulator that local setups use answers only when the function returns, so Wharf
     * waits as long as a function may run (Lambda's 900 s maximum) rather than invoke a slow function twice.
     */
    public static final Duration LAMBDA_INVOKE_TIMEOUT = Duration.ofSeconds(900);

    /**
     * The longest {@code DeliveryPolicy} text Wharf parses. AWS states none; a complete policy is a few hundred
     * characters, so this only keeps hostile input from costing memory.
     */
    public static final int POLICY_LENGTH_MAX = 64 * 1024;

    private DeliveryLimits() {}
}

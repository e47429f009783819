package dev.wharf.sns.engine.delivery;

/**
 * A complete retry policy: how many times Amazon SNS retries a failed delivery and how long it waits before each retry,
 * in the four phases AWS documents (immediate, pre-backoff, backoff, post-backoff). Delays are whole seconds, as the
 * policy's JSON writes them.
 *
 * <p>The invariants are those every schedule needs; the tighter bounds that a customer's HTTP/S policy must keep (at
 * most 100 retries, delays up to 3,600 seconds) are checked where such a policy is parsed, because AWS's own schedules
 * for its managed endpoints exceed them.
 *
 * @param minDelayTarget the delay of every pre-backoff retry and of the first backoff retry
 * @param maxDelayTarget the delay of the last backoff retry and of every post-backoff retry
 * @param numRetries every retry of all four phases; the backoff phase has what the other three leave
 * @param numNoDelayRetries the retries made at once, with no delay
 * @param numMinDelayRetries the pre-backoff retries, each after {@code minDelayTarget}
 * @param numMaxDelayRetries the post-backoff retries, each after {@code maxDelayTarget}
 * @param backoffFunction the curve of the backoff phase from the minimum delay to the maximum
 */
public record RetryPolicy(
        int minDelayTarget,
        int maxDelayTarget,
        int numRetries,
        int numNoDelayRetries,
        int numMinDelayRetries,
        int numMaxDelayRetries,
        BackoffFunction backoffFunction) {

    /**
     * The most retries any policy may hold: the 100,015 of AWS's schedule for its managed endpoints, the longest
     * schedule AWS runs. It bounds every loop over a schedule's retries.
     */
    public static final int NUM_RETRIES_LIMIT = 100_015;

    /** AWS's default for HTTP/S: 3 retries 20 seconds apart, all in the backoff phase, on the linear curve. */
    public static final RetryPolicy HTTP_DEFAULT = new RetryPolicy(20, 20, 3, 0, 0, 0, BackoffFunction.LINEAR);

    public RetryPolicy {
        if (minDelayTarget < 1 || maxDelayTarget < minDelayTarget) {
            throw new IllegalArgumentException("delays must keep 1 <= minDelayTarget <= maxDelayTarget: "
                    + minDelayTarget + ", " + maxDelayTarget);
        }
        if (numRetries < 0 || numRetries > NUM_RETRIES_LIMIT) {
            throw new IllegalArgumentException("numRetries out of [0, " + NUM_RETRIES_LIMIT + "]: " + numRetries);
        }
        if (numNoDelayRetries < 0 || numMinDelayRetries < 0 || numMaxDelayRetries < 0) {
            throw new IllegalArgumentException("phase counts must not be negative");
        }
        // Summed as longs: three counts near Integer.MAX_VALUE must not wrap round to a small sum.
        if ((long) numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries > numRetries) {
            throw new IllegalArgumentException("the phase counts exceed numRetries " + numRetries);
        }
    }

    /** The retries of the backoff phase: AWS's numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries. */
    public int numBackoffRetries() {
        return numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries;
    }
}

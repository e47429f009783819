package dev.wharf.sns.engine.delivery;

import org.jspecify.annotations.Nullable;

/**
 * The four curves that the backoff phase of a retry policy can follow from {@code minDelayTarget} to {@code
 * maxDelayTarget}, named as AWS names them in a policy's {@code backoffFunction}.
 *
 * <p>AWS documents the curves as a picture, not as formulas. Each curve here is a fraction of the way from the minimum
 * to the maximum delay, 0 at the first backoff retry and exactly 1 at the last, and never falls from one retry to the
 * next; docs/SNS-DELIVERY.md states the formulas and why they were chosen.
 */
public enum BackoffFunction {
    /** Equal steps: the delay grows by the same amount at every retry. */
    LINEAR("linear"),
    /** Steps that grow arithmetically (d, 2d, 3d, …): the delay grows with the square of the retry number. */
    ARITHMETIC("arithmetic"),
    /** A constant ratio between one delay and the next, as a geometric progression has. */
    GEOMETRIC("geometric"),
    /** Steps that double (d, 2d, 4d, …): the delay stays near the minimum and climbs steeply at the end. */
    EXPONENTIAL("exponential");

    private final String awsName;

    BackoffFunction(String awsName) {
        this.awsName = awsName;
    }

    /** The name a delivery policy's JSON uses. */
    public String awsName() {
        return awsName;
    }

    /** The function named {@code awsName} exactly, or null: AWS's names are lower case. */
    public static @Nullable BackoffFunction find(String awsName) {
        for (BackoffFunction function : values()) {
            if (function.awsName.equals(awsName)) {
                return function;
            }
        }
        return null;
    }

    /**
     * The delay in seconds before backoff retry {@code retry} of {@code retries}, counted from 1, on this curve from
     * {@code minDelayTarget} to {@code maxDelayTarget}. A phase of one retry waits the minimum, the delay of its first
     * retry.
     */
    double delaySeconds(int minDelayTarget, int maxDelayTarget, int retry, int retries) {
        assert retry >= 1 && retry <= retries : "retry " + retry + " of " + retries;
        assert minDelayTarget >= 1 && minDelayTarget <= maxDelayTarget;
        if (retry == 1 || minDelayTarget == maxDelayTarget) {
            return minDelayTarget;
        }
        if (retry == retries) {
            // Exact, so that the last backoff retry waits the maximum with no rounding error.
            return maxDelayTarget;
        }
        double span = maxDelayTarget - minDelayTarget;
        return switch (this) {
            case LINEAR -> minDelayTarget + span * (retry - 1) / (retries - 1);
            case ARITHMETIC ->
                minDelayTarget + span * ((double) (retry - 1) * retry) / ((double) (retries - 1) * retries);
            case GEOMETRIC ->
                minDelayTarget
                        * Math.exp(Math.log((double) maxDelayTarget / minDelayTarget) * (retry - 1) / (retries - 1));
            case EXPONENTIAL -> minDelayTarget + span * doublingFraction(retry, retries);
        };
    }

    /**
     * (2^(retry-1) - 1) / (2^(retries-1) - 1), computed as (2^(retry-retries) - 2^(1-retries)) / (1 - 2^(1-retries))
     * so that no power overflows however many retries the phase has.
     */
    private static double doublingFraction(int retry, int retries) {
        double smallest = Math.scalb(1.0, 1 - retries);
        return (Math.scalb(1.0, retry - retries) - smallest) / (1.0 - smallest);
    }
}

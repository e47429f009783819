package dev.wharf.sns.engine.delivery;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A retry policy as a topic's or a subscription's {@code DeliveryPolicy} writes it: each field the caller left out is
 * null, because AWS gives back only what was set, and fills the rest from its defaults when it applies the policy.
 *
 * @param minDelayTarget seconds, or null
 * @param maxDelayTarget seconds, or null
 * @param numRetries or null
 * @param numNoDelayRetries or null
 * @param numMinDelayRetries or null
 * @param numMaxDelayRetries or null
 * @param backoffFunction or null
 */
public record PartialRetryPolicy(
        @Nullable Integer minDelayTarget,
        @Nullable Integer maxDelayTarget,
        @Nullable Integer numRetries,
        @Nullable Integer numNoDelayRetries,
        @Nullable Integer numMinDelayRetries,
        @Nullable Integer numMaxDelayRetries,
        @Nullable BackoffFunction backoffFunction) {

    /** A policy that sets nothing. */
    public static final PartialRetryPolicy EMPTY = new PartialRetryPolicy(null, null, null, null, null, null, null);

    /** The complete policy: each field left out takes the value of AWS's HTTP/S default. */
    public RetryPolicy withDefaults() {
        RetryPolicy defaults = RetryPolicy.HTTP_DEFAULT;
        return new RetryPolicy(
                Objects.requireNonNullElse(minDelayTarget, defaults.minDelayTarget()),
                Objects.requireNonNullElse(maxDelayTarget, defaults.maxDelayTarget()),
                Objects.requireNonNullElse(numRetries, defaults.numRetries()),
                Objects.requireNonNullElse(numNoDelayRetries, defaults.numNoDelayRetries()),
                Objects.requireNonNullElse(numMinDelayRetries, defaults.numMinDelayRetries()),
                Objects.requireNonNullElse(numMaxDelayRetries, defaults.numMaxDelayRetries()),
                Objects.requireNonNullElse(backoffFunction, defaults.backoffFunction()));
    }

    /** The policy that sets every field of {@code policy}. */
    public static PartialRetryPolicy of(RetryPolicy policy) {
        return new PartialRetryPolicy(
                policy.minDelayTarget(),
                policy.maxDelayTarget(),
                policy.numRetries(),
                policy.numNoDelayRetries(),
                policy.numMinDelayRetries(),
                policy.numMaxDelayRetries(),
                policy.backoffFunction());
    }
}

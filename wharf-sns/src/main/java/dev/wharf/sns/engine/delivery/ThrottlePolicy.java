package dev.wharf.sns.engine.delivery;

/**
 * A throttle policy: at most {@code maxReceivesPerSecond} deliveries per second to one subscription.
 *
 * @param maxReceivesPerSecond deliveries per second, at least 1
 */
public record ThrottlePolicy(int maxReceivesPerSecond) {

    public ThrottlePolicy {
        if (maxReceivesPerSecond < DeliveryLimits.MAX_RECEIVES_PER_SECOND_MIN) {
            throw new IllegalArgumentException("maxReceivesPerSecond must be at least 1: " + maxReceivesPerSecond);
        }
    }
}

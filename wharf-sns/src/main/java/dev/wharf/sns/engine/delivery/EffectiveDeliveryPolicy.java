package dev.wharf.sns.engine.delivery;

import org.jspecify.annotations.Nullable;

/**
 * The delivery policy that applies to a topic's HTTP/S subscriptions, or to one of them: AWS's defaults, overlaid by
 * the topic's policy, overlaid in turn by the subscription's own unless the topic sets {@code
 * disableSubscriptionOverrides}.
 *
 * <p>Each part overlays whole: a subscription's {@code healthyRetryPolicy} replaces the topic's, and the fields it
 * leaves out take AWS's defaults, not the topic's, so that a policy checked when it was set stays valid whatever the
 * topic's becomes. The throttle and request policies overlay the same way; a subscription without one takes the
 * topic's.
 *
 * @param healthyRetryPolicy the retry policy deliveries follow
 * @param disableSubscriptionOverrides the topic's setting
 * @param throttlePolicy the throttle, or null for none
 * @param requestPolicy the content type notifications are posted with
 * @param sicklyRetryPolicy the subscription's, kept without meaning, or null
 * @param guaranteed the subscription's, kept without meaning
 */
public record EffectiveDeliveryPolicy(
        RetryPolicy healthyRetryPolicy,
        boolean disableSubscriptionOverrides,
        @Nullable ThrottlePolicy throttlePolicy,
        RequestPolicy requestPolicy,
        @Nullable RetryPolicy sicklyRetryPolicy,
        boolean guaranteed) {

    /** What applies where no policy is set: AWS's HTTP/S defaults. */
    public static final EffectiveDeliveryPolicy HTTP_DEFAULT =
            new EffectiveDeliveryPolicy(RetryPolicy.HTTP_DEFAULT, false, null, RequestPolicy.HTTP_DEFAULT, null, false);

    /** The policy a topic applies to its HTTP/S subscriptions that set none of their own. */
    public static EffectiveDeliveryPolicy forTopic(DeliveryPolicy.Topic topic) {
        PartialRetryPolicy retry = topic.defaultHealthyRetryPolicy();
        RequestPolicy request = topic.defaultRequestPolicy();
        return new EffectiveDeliveryPolicy(
                retry == null ? RetryPolicy.HTTP_DEFAULT : retry.withDefaults(),
                topic.disableSubscriptionOverrides(),
                topic.defaultThrottlePolicy(),
                request == null ? RequestPolicy.HTTP_DEFAULT : request,
                null,
                false);
    }

    /** The policy that applies to one HTTP/S subscription of {@code topic}. */
    public static EffectiveDeliveryPolicy forSubscription(
            DeliveryPolicy.Topic topic, DeliveryPolicy.Subscription subscription) {
        EffectiveDeliveryPolicy inherited = forTopic(topic);
        if (topic.disableSubscriptionOverrides()) {
            return inherited;
        }
        PartialRetryPolicy healthy = subscription.healthyRetryPolicy();
        PartialRetryPolicy sickly = subscription.sicklyRetryPolicy();
        ThrottlePolicy throttle = subscription.throttlePolicy();
        RequestPolicy request = subscription.requestPolicy();
        return new EffectiveDeliveryPolicy(
                healthy == null ? inherited.healthyRetryPolicy() : healthy.withDefaults(),
                false,
                throttle == null ? inherited.throttlePolicy() : throttle,
                request == null ? inherited.requestPolicy() : request,
                sickly == null ? null : sickly.withDefaults(),
                subscription.guaranteed());
    }

    /** When each attempt of a delivery under this policy starts. */
    public RetrySchedule schedule() {
        return new RetrySchedule(healthyRetryPolicy);
    }

    /** The {@code EffectiveDeliveryPolicy} attribute of GetTopicAttributes. */
    public String toTopicJson() {
        return DeliveryPolicyJson.effectiveTopic(this);
    }

    /** The {@code EffectiveDeliveryPolicy} attribute of GetSubscriptionAttributes for an HTTP/S subscription. */
    public String toSubscriptionJson() {
        return DeliveryPolicyJson.effectiveSubscription(this);
    }
}

package dev.wharf.sns.engine;

import dev.wharf.sns.engine.delivery.DeliveryPolicy;
import dev.wharf.sns.engine.delivery.EffectiveDeliveryPolicy;
import org.jspecify.annotations.Nullable;

/** Reads the DeliveryPolicy attributes of topics and subscriptions, and writes their EffectiveDeliveryPolicy. */
final class DeliveryPolicies {

    private DeliveryPolicies() {}

    static void checkTopicPolicy(String json, DeliveryPolicy.Source source) {
        DeliveryPolicy.parseTopic(json, source);
    }

    static void checkSubscriptionPolicy(String json, DeliveryPolicy.Source source) {
        DeliveryPolicy.parseSubscription(json, source);
    }

    static String effectiveTopicPolicy(@Nullable String topicPolicy) {
        return EffectiveDeliveryPolicy.forTopic(topic(topicPolicy)).toTopicJson();
    }

    static String effectiveSubscriptionPolicy(@Nullable String topicPolicy, @Nullable String subscriptionPolicy) {
        DeliveryPolicy.Subscription subscription = subscriptionPolicy == null || subscriptionPolicy.isEmpty()
                ? DeliveryPolicy.Subscription.EMPTY
                : DeliveryPolicy.parseSubscription(subscriptionPolicy);
        return EffectiveDeliveryPolicy.forSubscription(topic(topicPolicy), subscription)
                .toSubscriptionJson();
    }

    private static DeliveryPolicy.Topic topic(@Nullable String topicPolicy) {
        return topicPolicy == null || topicPolicy.isEmpty()
                ? DeliveryPolicy.Topic.EMPTY
                : DeliveryPolicy.parseTopic(topicPolicy);
    }
}

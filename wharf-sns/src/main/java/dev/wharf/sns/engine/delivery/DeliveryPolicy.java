package dev.wharf.sns.engine.delivery;

import org.jspecify.annotations.Nullable;

/**
 * A {@code DeliveryPolicy} attribute as a caller set it, for a topic or for a subscription: parsed, checked against
 * AWS's rules, and written back in the form GetTopicAttributes and GetSubscriptionAttributes return it. What applies
 * to a delivery is the {@link EffectiveDeliveryPolicy}, which fills in AWS's defaults.
 *
 * <p>Parsing throws AWS's {@code InvalidParameter} with AWS's wording. An empty attribute value removes the policy,
 * so callers handle it before they parse; the parse methods refuse it as a programming error.
 */
public sealed interface DeliveryPolicy permits DeliveryPolicy.Topic, DeliveryPolicy.Subscription {

    /** Where the policy text came from, which decides how AWS words an error in it. */
    enum Source {
        /**
         * SetTopicAttributes or SetSubscriptionAttributes, whose errors read {@code Invalid parameter: DeliveryPolicy:
         * …}.
         */
        ATTRIBUTE_VALUE,
        /**
         * The {@code Attributes} map of CreateTopic or Subscribe, whose errors read {@code Invalid parameter:
         * Attributes Reason: DeliveryPolicy: …}.
         */
        ATTRIBUTES_MAP
    }

    /** The policy in the form AWS returns it as the {@code DeliveryPolicy} attribute. */
    String toJson();

    /** Parses a topic's policy set by SetTopicAttributes. */
    static Topic parseTopic(String json) {
        return parseTopic(json, Source.ATTRIBUTE_VALUE);
    }

    /** Parses a topic's policy, wording errors for {@code source}. */
    static Topic parseTopic(String json, Source source) {
        return new DeliveryPolicyParser(source).topic(json);
    }

    /** Parses a subscription's policy set by SetSubscriptionAttributes. */
    static Subscription parseSubscription(String json) {
        return parseSubscription(json, Source.ATTRIBUTE_VALUE);
    }

    /** Parses a subscription's policy, wording errors for {@code source}. */
    static Subscription parseSubscription(String json, Source source) {
        return new DeliveryPolicyParser(source).subscription(json);
    }

    /**
     * A topic's policy, {@code {"http": {…}}}: the defaults its HTTP/S subscriptions take, and whether their own
     * policies may override them.
     *
     * @param defaultHealthyRetryPolicy the retry policy as set, or null
     * @param disableSubscriptionOverrides true when subscriptions' own policies are ignored
     * @param defaultThrottlePolicy or null for no throttling
     * @param defaultRequestPolicy or null for AWS's default content type
     */
    record Topic(
            @Nullable PartialRetryPolicy defaultHealthyRetryPolicy,
            boolean disableSubscriptionOverrides,
            @Nullable ThrottlePolicy defaultThrottlePolicy,
            @Nullable RequestPolicy defaultRequestPolicy)
            implements DeliveryPolicy {

        /** A topic policy that sets nothing, which is what a topic without one has. */
        public static final Topic EMPTY = new Topic(null, false, null, null);

        @Override
        public String toJson() {
            return DeliveryPolicyJson.topic(this);
        }
    }

    /**
     * A subscription's policy. {@code sicklyRetryPolicy} and {@code guaranteed} are fields AWS still accepts and
     * returns, though it documents neither; Wharf keeps them and gives them no meaning.
     *
     * @param healthyRetryPolicy the retry policy as set, or null
     * @param sicklyRetryPolicy as set, or null
     * @param throttlePolicy or null
     * @param requestPolicy or null
     * @param guaranteed as set, false if not
     */
    record Subscription(
            @Nullable PartialRetryPolicy healthyRetryPolicy,
            @Nullable PartialRetryPolicy sicklyRetryPolicy,
            @Nullable ThrottlePolicy throttlePolicy,
            @Nullable RequestPolicy requestPolicy,
            boolean guaranteed)
            implements DeliveryPolicy {

        /** A subscription policy that sets nothing. */
        public static final Subscription EMPTY = new Subscription(null, null, null, null, false);

        @Override
        public String toJson() {
            return DeliveryPolicyJson.subscription(this);
        }
    }
}

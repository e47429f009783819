package dev.wharf.sns.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EffectiveDeliveryPolicyTest {

    /** GetTopicAttributes' EffectiveDeliveryPolicy of a topic without a policy, as AWS returns it. */
    private static final String DEFAULT_TOPIC_JSON = "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,"
            + "\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,"
            + "\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false,"
            + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}";

    private static final String DEFAULT_RETRY_JSON = "{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,"
            + "\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"}";

    private static DeliveryPolicy.Topic topic(String json) {
        return DeliveryPolicy.parseTopic(json);
    }

    private static DeliveryPolicy.Subscription subscription(String json) {
        return DeliveryPolicy.parseSubscription(json);
    }

    @Test
    void awsDefaultIsThreeRetriesTwentySecondsApartOnTheLinearCurve() {
        assertThat(EffectiveDeliveryPolicy.HTTP_DEFAULT.healthyRetryPolicy())
                .isEqualTo(new RetryPolicy(20, 20, 3, 0, 0, 0, BackoffFunction.LINEAR));
        assertThat(EffectiveDeliveryPolicy.HTTP_DEFAULT.requestPolicy().headerContentType())
                .isEqualTo("text/plain; charset=UTF-8");
        assertThat(EffectiveDeliveryPolicy.HTTP_DEFAULT.throttlePolicy()).isNull();
    }

    @Test
    void topicWithoutPolicyReturnsAwsDefaultExactly() {
        assertThat(EffectiveDeliveryPolicy.forTopic(DeliveryPolicy.Topic.EMPTY).toTopicJson())
                .isEqualTo(DEFAULT_TOPIC_JSON);
        assertThat(EffectiveDeliveryPolicy.HTTP_DEFAULT.toTopicJson()).isEqualTo(DEFAULT_TOPIC_JSON);
        assertThat(EffectiveDeliveryPolicy.forTopic(topic("{\"http\":{\"defaultHealthyRetryPolicy\":null}}"))
                        .toTopicJson())
                .isEqualTo(DEFAULT_TOPIC_JSON);
    }

    @Test
    void topicRetryFieldsOverlayAwsDefaultsOneByOne() {
        // SetTopicAttributes with these three fields makes AWS return this EffectiveDeliveryPolicy.
        EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.forTopic(
                topic(
                        "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":6,\"numRetries\":1}}}"));

        assertThat(effective.toTopicJson())
                .isEqualTo("{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":6,"
                        + "\"numRetries\":1,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,"
                        + "\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false,"
                        + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}");
    }

    @Test
    void topicRequestPolicyReplacesTheDefaultContentType() {
        EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.forTopic(
                topic("{\"http\":{\"defaultRequestPolicy\":{\"headerContentType\":\"application/json\"}}}"));

        assertThat(effective.toTopicJson())
                .isEqualTo("{\"http\":{\"defaultHealthyRetryPolicy\":" + DEFAULT_RETRY_JSON
                        + ",\"disableSubscriptionOverrides\":false,"
                        + "\"defaultRequestPolicy\":{\"headerContentType\":\"application/json\"}}}");
    }

    @Test
    void topicThrottleAndOverrideSettingAppearInTheTopicJson() {
        EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.forTopic(
                topic(
                        "{\"http\":{\"disableSubscriptionOverrides\":true,\"defaultThrottlePolicy\":{\"maxReceivesPerSecond\":7}}}"));

        assertThat(effective.toTopicJson())
                .isEqualTo("{\"http\":{\"defaultHealthyRetryPolicy\":" + DEFAULT_RETRY_JSON
                        + ",\"disableSubscriptionOverrides\":true,\"defaultThrottlePolicy\":{\"maxReceivesPerSecond\":7},"
                        + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}");
    }

    @Test
    void subscriptionWithoutPoliciesTakesAwsDefaults() {
        EffectiveDeliveryPolicy effective =
                EffectiveDeliveryPolicy.forSubscription(DeliveryPolicy.Topic.EMPTY, DeliveryPolicy.Subscription.EMPTY);

        assertThat(effective.toSubscriptionJson())
                .isEqualTo("{\"healthyRetryPolicy\":" + DEFAULT_RETRY_JSON + ",\"sicklyRetryPolicy\":null,"
                        + "\"throttlePolicy\":null,\"requestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"},"
                        + "\"guaranteed\":false}");
    }

    @Test
    void subscriptionRequestPolicyShowsBesideDefaultRetries() {
        // A subscription that sets only text/csv, as AWS returns its EffectiveDeliveryPolicy.
        EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.forSubscription(
                DeliveryPolicy.Topic.EMPTY, subscription("{\"requestPolicy\":{\"headerContentType\":\"text/csv\"}}"));

        assertThat(effective.toSubscriptionJson())
                .isEqualTo("{\"healthyRetryPolicy\":" + DEFAULT_RETRY_JSON + ",\"sicklyRetryPolicy\":null,"
                        + "\"throttlePolicy\":null,\"requestPolicy\":{\"headerContentType\":\"text/csv\"},"
                        + "\"guaranteed\":false}");
    }

    @Test
    void subscriptionWithoutRequestPolicyTakesTheTopics() {
        // A subscription with its own retry and throttle policies on a topic that sets application/json, as AWS
        // returns the subscription's EffectiveDeliveryPolicy.
        DeliveryPolicy.Topic topic =
                topic("{\"http\":{\"defaultRequestPolicy\":{\"headerContentType\":\"application/json\"}}}");
        DeliveryPolicy.Subscription subscription = subscription("""
                {"healthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 1, "numRetries": 0,
                   "numNoDelayRetries": 0, "numMinDelayRetries": 0, "numMaxDelayRetries": 0,
                   "backoffFunction": "linear"},
                 "sicklyRetryPolicy": null, "throttlePolicy": {"maxReceivesPerSecond": 1000}, "guaranteed": false}""");

        assertThat(EffectiveDeliveryPolicy.forSubscription(topic, subscription).toSubscriptionJson())
                .isEqualTo("{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":0,"
                        + "\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,"
                        + "\"backoffFunction\":\"linear\"},\"sicklyRetryPolicy\":null,"
                        + "\"throttlePolicy\":{\"maxReceivesPerSecond\":1000},"
                        + "\"requestPolicy\":{\"headerContentType\":\"application/json\"},\"guaranteed\":false}");
    }

    @Test
    void subscriptionWithoutRetryPolicyTakesTheTopics() {
        DeliveryPolicy.Topic topic =
                topic("{\"http\":{\"defaultHealthyRetryPolicy\":{\"numRetries\":8,\"backoffFunction\":\"geometric\"},"
                        + "\"defaultThrottlePolicy\":{\"maxReceivesPerSecond\":4}}}");

        EffectiveDeliveryPolicy effective =
                EffectiveDeliveryPolicy.forSubscription(topic, subscription("{\"guaranteed\":true}"));

        assertThat(effective.healthyRetryPolicy())
                .isEqualTo(new RetryPolicy(20, 20, 8, 0, 0, 0, BackoffFunction.GEOMETRIC));
        assertThat(effective.throttlePolicy()).isEqualTo(new ThrottlePolicy(4));
        assertThat(effective.guaranteed()).isTrue();
    }

    @Test
    void subscriptionRetryPolicyReplacesTheTopicsWholeAndFillsGapsFromAwsDefaults() {
        DeliveryPolicy.Topic topic = topic("{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":30,"
                + "\"maxDelayTarget\":60,\"numRetries\":10,\"backoffFunction\":\"exponential\"}}}");

        EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.forSubscription(
                topic, subscription("{\"healthyRetryPolicy\":{\"numRetries\":5}}"));

        assertThat(effective.healthyRetryPolicy())
                .isEqualTo(new RetryPolicy(20, 20, 5, 0, 0, 0, BackoffFunction.LINEAR));
    }

    @Test
    void subscriptionThrottleReplacesTheTopics() {
        DeliveryPolicy.Topic topic = topic("{\"http\":{\"defaultThrottlePolicy\":{\"maxReceivesPerSecond\":4}}}");

        EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.forSubscription(
                topic, subscription("{\"throttlePolicy\":{\"maxReceivesPerSecond\":9}}"));

        assertThat(effective.throttlePolicy()).isEqualTo(new ThrottlePolicy(9));
    }

    @Test
    void disableSubscriptionOverridesIgnoresEverySubscriptionSetting() {
        DeliveryPolicy.Topic topic = topic("{\"http\":{\"defaultHealthyRetryPolicy\":{\"numRetries\":1},"
                + "\"disableSubscriptionOverrides\":true}}");
        DeliveryPolicy.Subscription subscription = subscription("{\"healthyRetryPolicy\":{\"numRetries\":50},"
                + "\"sicklyRetryPolicy\":{\"numRetries\":2},\"throttlePolicy\":{\"maxReceivesPerSecond\":1},"
                + "\"requestPolicy\":{\"headerContentType\":\"text/csv\"},\"guaranteed\":true}");

        EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.forSubscription(topic, subscription);

        assertThat(effective).isEqualTo(EffectiveDeliveryPolicy.forTopic(topic));
        assertThat(effective.toSubscriptionJson())
                .isEqualTo("{\"healthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":1,"
                        + "\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,"
                        + "\"backoffFunction\":\"linear\"},\"sicklyRetryPolicy\":null,\"throttlePolicy\":null,"
                        + "\"requestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"},"
                        + "\"guaranteed\":false}");
    }

    @Test
    void subscriptionOverridesApplyWhileTheTopicAllowsThem() {
        DeliveryPolicy.Topic topic = topic("{\"http\":{\"defaultHealthyRetryPolicy\":{\"numRetries\":1},"
                + "\"disableSubscriptionOverrides\":false}}");

        EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.forSubscription(
                topic, subscription("{\"healthyRetryPolicy\":{\"numRetries\":50}}"));

        assertThat(effective.healthyRetryPolicy().numRetries()).isEqualTo(50);
    }

    @Test
    void subscriptionSicklyRetryPolicyIsKeptCompleteInTheJson() {
        EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.forSubscription(
                DeliveryPolicy.Topic.EMPTY, subscription("{\"sicklyRetryPolicy\":{\"numRetries\":2}}"));

        assertThat(effective.toSubscriptionJson())
                .isEqualTo("{\"healthyRetryPolicy\":" + DEFAULT_RETRY_JSON + ",\"sicklyRetryPolicy\":{"
                        + "\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":2,\"numMaxDelayRetries\":0,"
                        + "\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},"
                        + "\"throttlePolicy\":null,\"requestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"},"
                        + "\"guaranteed\":false}");
    }

    @Test
    void scheduleFollowsTheEffectiveRetryPolicy() {
        EffectiveDeliveryPolicy effective = EffectiveDeliveryPolicy.forSubscription(
                DeliveryPolicy.Topic.EMPTY, subscription("{\"healthyRetryPolicy\":{\"numRetries\":5}}"));

        assertThat(effective.schedule().attempts()).isEqualTo(6);
        assertThat(EffectiveDeliveryPolicy.HTTP_DEFAULT.schedule()).isEqualTo(RetrySchedule.HTTP_DEFAULT);
    }
}

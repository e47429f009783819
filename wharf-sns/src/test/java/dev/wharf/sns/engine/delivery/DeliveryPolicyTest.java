package dev.wharf.sns.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.sns.api.SnsError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryPolicyTest {

    private static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(SnsError.InvalidParameter);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static void assertTopicInvalid(String json, String detail) {
        assertInvalid(() -> DeliveryPolicy.parseTopic(json), "Invalid parameter: DeliveryPolicy: " + detail);
    }

    private static void assertSubscriptionInvalid(String json, String detail) {
        assertInvalid(() -> DeliveryPolicy.parseSubscription(json), "Invalid parameter: DeliveryPolicy: " + detail);
    }

    private static String topicRetry(String fields) {
        return "{\"http\":{\"defaultHealthyRetryPolicy\":{" + fields + "}}}";
    }

    private static String subscriptionRetry(String fields) {
        return "{\"healthyRetryPolicy\":{" + fields + "}}";
    }

    @Test
    void parsesEveryMemberOfATopicPolicy() {
        DeliveryPolicy.Topic topic = DeliveryPolicy.parseTopic("""
                {"http": {
                  "defaultHealthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 60, "numRetries": 50,
                    "numNoDelayRetries": 3, "numMinDelayRetries": 2, "numMaxDelayRetries": 35,
                    "backoffFunction": "exponential"},
                  "disableSubscriptionOverrides": true,
                  "defaultThrottlePolicy": {"maxReceivesPerSecond": 10},
                  "defaultRequestPolicy": {"headerContentType": "application/json"}}}""");

        assertThat(topic)
                .isEqualTo(new DeliveryPolicy.Topic(
                        new PartialRetryPolicy(1, 60, 50, 3, 2, 35, BackoffFunction.EXPONENTIAL),
                        true,
                        new ThrottlePolicy(10),
                        new RequestPolicy("application/json")));
    }

    @Test
    void parsesAwsDocumentedSubscriptionExample() {
        // The example of "Creating an HTTP/S delivery policy": 50 attempts, throttled to 10 a second.
        DeliveryPolicy.Subscription subscription = DeliveryPolicy.parseSubscription("""
                {"healthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 60, "numRetries": 50,
                   "numNoDelayRetries": 3, "numMinDelayRetries": 2, "numMaxDelayRetries": 35,
                   "backoffFunction": "exponential"},
                 "throttlePolicy": {"maxReceivesPerSecond": 10}}""");

        assertThat(subscription)
                .isEqualTo(new DeliveryPolicy.Subscription(
                        new PartialRetryPolicy(1, 60, 50, 3, 2, 35, BackoffFunction.EXPONENTIAL),
                        null,
                        new ThrottlePolicy(10),
                        null,
                        false));
    }

    @Test
    void keepsOnlyTheFieldsThatWereSet() {
        assertThat(DeliveryPolicy.parseSubscription("{\"healthyRetryPolicy\":{\"numRetries\":5}}"))
                .isEqualTo(new DeliveryPolicy.Subscription(
                        new PartialRetryPolicy(null, null, 5, null, null, null, null), null, null, null, false));
        assertThat(DeliveryPolicy.parseTopic("{\"http\":{\"defaultHealthyRetryPolicy\":{\"numRetries\":5}}}")
                        .defaultHealthyRetryPolicy())
                .isEqualTo(new PartialRetryPolicy(null, null, 5, null, null, null, null));
    }

    @Test
    void acceptsTheLegacyMembersAwsStillTakesOnASubscription() {
        DeliveryPolicy.Subscription subscription = DeliveryPolicy.parseSubscription("""
                {"healthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 1, "numRetries": 0,
                   "numNoDelayRetries": 0, "numMinDelayRetries": 0, "numMaxDelayRetries": 0,
                   "backoffFunction": "linear"},
                 "sicklyRetryPolicy": null, "throttlePolicy": {"maxReceivesPerSecond": 1000}, "guaranteed": false}""");

        assertThat(subscription.sicklyRetryPolicy()).isNull();
        assertThat(subscription.guaranteed()).isFalse();
        assertThat(DeliveryPolicy.parseSubscription("{\"sicklyRetryPolicy\":{\"numRetries\":2},\"guaranteed\":true}"))
                .isEqualTo(new DeliveryPolicy.Subscription(
                        null, new PartialRetryPolicy(null, null, 2, null, null, null, null), null, null, true));
    }

    @Test
    void treatsNullMembersAsAbsent() {
        assertThat(DeliveryPolicy.parseTopic("{\"http\":{\"defaultHealthyRetryPolicy\":null}}"))
                .isEqualTo(DeliveryPolicy.Topic.EMPTY);
        assertThat(DeliveryPolicy.parseTopic("{\"http\":null}")).isEqualTo(DeliveryPolicy.Topic.EMPTY);
        assertThat(DeliveryPolicy.parseTopic("{}")).isEqualTo(DeliveryPolicy.Topic.EMPTY);
        assertThat(DeliveryPolicy.parseSubscription("""
                        {"healthyRetryPolicy":null,"sicklyRetryPolicy":null,"throttlePolicy":null,\
                        "requestPolicy":null,"guaranteed":null}""")).isEqualTo(DeliveryPolicy.Subscription.EMPTY);
        assertThat(DeliveryPolicy.parseSubscription(subscriptionRetry("\"numRetries\":null"))
                        .healthyRetryPolicy())
                .isEqualTo(PartialRetryPolicy.EMPTY);
    }

    @Test
    void readsAnEmptyThrottleOrRequestPolicyAsNone() {
        assertThat(DeliveryPolicy.parseSubscription("{\"throttlePolicy\":{},\"requestPolicy\":{}}"))
                .isEqualTo(DeliveryPolicy.Subscription.EMPTY);
    }

    @Test
    void acceptsIntegralNumbersWrittenAsDecimals() {
        assertThat(DeliveryPolicy.parseSubscription(subscriptionRetry("\"numRetries\":5.0,\"minDelayTarget\":1e1"))
                        .healthyRetryPolicy())
                .isEqualTo(new PartialRetryPolicy(10, null, 5, null, null, null, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/atom+xml",
                "application/json",
                "application/octet-stream",
                "application/soap+xml",
                "application/x-www-form-urlencoded",
                "application/xhtml+xml",
                "application/xml",
                "text/css",
                "text/csv",
                "text/html",
                "text/plain",
                "text/xml",
                "text/plain; charset=UTF-8",
                "Application/JSON"
            })
    void acceptsEveryContentTypeAwsSupports(String contentType) {
        String json = "{\"requestPolicy\":{\"headerContentType\":\"" + contentType + "\"}}";

        assertThat(DeliveryPolicy.parseSubscription(json).requestPolicy()).isEqualTo(new RequestPolicy(contentType));
    }

    @Test
    void refusesContentTypesAwsDoesNotSupport() {
        assertSubscriptionInvalid(
                "{\"requestPolicy\":{\"headerContentType\":\"image/png\"}}",
                "requestPolicy.headerContentType must be a supported content type");
        assertTopicInvalid(
                "{\"http\":{\"defaultRequestPolicy\":{\"headerContentType\":\"\"}}}",
                "http.defaultRequestPolicy.headerContentType must be a supported content type");
        assertSubscriptionInvalid(
                "{\"requestPolicy\":{\"headerContentType\":5}}", "requestPolicy.headerContentType must be a string");
    }

    @Test
    void reportsTheBoundOfNumRetriesInAwsWords() {
        // AWS's text for this mistake, as AWS answers it.
        assertTopicInvalid(
                topicRetry("\"minDelayTarget\":10,\"maxDelayTarget\":20,\"numRetries\":300"),
                "http.defaultHealthyRetryPolicy.numRetries must be less than or equal to 100");
        assertSubscriptionInvalid(
                subscriptionRetry("\"numRetries\":-1"),
                "healthyRetryPolicy.numRetries must be greater than or equal to 0");
    }

    @Test
    void reportsTheBoundOfMinDelayTargetInAwsWords() {
        // AWS's text for a subscription with minDelayTarget 0, as AWS answers it.
        assertSubscriptionInvalid(
                subscriptionRetry("\"numRetries\":0,\"minDelayTarget\":0,\"maxDelayTarget\":0"),
                "healthyRetryPolicy.minDelayTarget must be greater than or equal to 1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"minDelayTarget\":3601 | minDelayTarget must be less than or equal to 3600",
                "\"maxDelayTarget\":0 | maxDelayTarget must be greater than or equal to 1",
                "\"maxDelayTarget\":3601 | maxDelayTarget must be less than or equal to 3600",
                "\"numNoDelayRetries\":-1 | numNoDelayRetries must be greater than or equal to 0",
                "\"numNoDelayRetries\":101 | numNoDelayRetries must be less than or equal to 100",
                "\"numMinDelayRetries\":-1 | numMinDelayRetries must be greater than or equal to 0",
                "\"numMinDelayRetries\":101 | numMinDelayRetries must be less than or equal to 100",
                "\"numMaxDelayRetries\":-1 | numMaxDelayRetries must be greater than or equal to 0",
                "\"numMaxDelayRetries\":101 | numMaxDelayRetries must be less than or equal to 100",
                "\"numRetries\":1e400 | numRetries must be less than or equal to 100",
                "\"numRetries\":-99999999999999999999 | numRetries must be greater than or equal to 0",
                "\"numRetries\":2.5 | numRetries must be an integer",
                "\"numRetries\":\"3\" | numRetries must be an integer",
                "\"numRetries\":true | numRetries must be an integer",
                "\"backoffFunction\":\"quadratic\" | backoffFunction must be one of linear, arithmetic, geometric, exponential",
                "\"backoffFunction\":\"Linear\" | backoffFunction must be one of linear, arithmetic, geometric, exponential",
                "\"backoffFunction\":1 | backoffFunction must be one of linear, arithmetic, geometric, exponential"
            })
    void refusesEachFieldOutsideItsBoundWithThePathOfTheField(String field, String detail) {
        assertSubscriptionInvalid(subscriptionRetry(field), "healthyRetryPolicy." + detail);
        assertTopicInvalid(topicRetry(field), "http.defaultHealthyRetryPolicy." + detail);
        assertInvalid(
                () -> DeliveryPolicy.parseSubscription("{\"sicklyRetryPolicy\":{" + field + "}}"),
                "Invalid parameter: DeliveryPolicy: sicklyRetryPolicy." + detail);
    }

    @Test
    void acceptsTheBoundsThemselves() {
        assertThat(DeliveryPolicy.parseSubscription(
                                subscriptionRetry("\"minDelayTarget\":3600,\"maxDelayTarget\":3600,\"numRetries\":100,"
                                        + "\"numNoDelayRetries\":100"))
                        .healthyRetryPolicy())
                .isEqualTo(new PartialRetryPolicy(3600, 3600, 100, 100, null, null, null));
        assertThat(DeliveryPolicy.parseSubscription(
                                subscriptionRetry("\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":0"))
                        .healthyRetryPolicy())
                .isEqualTo(new PartialRetryPolicy(1, 1, 0, null, null, null, null));
    }

    @Test
    void refusesAMinimumDelayAboveTheMaximum() {
        assertSubscriptionInvalid(
                subscriptionRetry("\"minDelayTarget\":30,\"maxDelayTarget\":20"),
                "healthyRetryPolicy.minDelayTarget must be less than or equal to 20");
        // Alone, a minimum above AWS's default maximum of 20 is refused the same way.
        assertTopicInvalid(
                topicRetry("\"minDelayTarget\":21"),
                "http.defaultHealthyRetryPolicy.minDelayTarget must be less than or equal to 20");
        // Alone, a maximum below AWS's default minimum of 20 is the field to blame.
        assertSubscriptionInvalid(
                subscriptionRetry("\"maxDelayTarget\":19"),
                "healthyRetryPolicy.maxDelayTarget must be greater than or equal to 20");
    }

    @Test
    void refusesPhasesThatNeedMoreRetriesThanNumRetries() {
        assertSubscriptionInvalid(
                subscriptionRetry("\"numRetries\":5,\"numNoDelayRetries\":2,\"numMinDelayRetries\":2,"
                        + "\"numMaxDelayRetries\":2"),
                "healthyRetryPolicy.numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must be less than"
                        + " or equal to numRetries (5)");
        // Without numRetries, the phases must fit in AWS's default of 3.
        assertTopicInvalid(
                topicRetry("\"numMaxDelayRetries\":4"),
                "http.defaultHealthyRetryPolicy.numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must be"
                        + " less than or equal to numRetries (3)");
    }

    @Test
    void acceptsPhasesThatFillNumRetriesExactly() {
        assertThat(DeliveryPolicy.parseSubscription(
                                subscriptionRetry("\"numRetries\":6,\"numNoDelayRetries\":2,\"numMinDelayRetries\":2,"
                                        + "\"numMaxDelayRetries\":2"))
                        .healthyRetryPolicy())
                .isEqualTo(new PartialRetryPolicy(null, null, 6, 2, 2, 2, null));
    }

    @Test
    void refusesMaxReceivesPerSecondBelowOne() {
        assertSubscriptionInvalid(
                "{\"throttlePolicy\":{\"maxReceivesPerSecond\":0}}",
                "throttlePolicy.maxReceivesPerSecond must be greater than or equal to 1");
        assertTopicInvalid(
                "{\"http\":{\"defaultThrottlePolicy\":{\"maxReceivesPerSecond\":-5}}}",
                "http.defaultThrottlePolicy.maxReceivesPerSecond must be greater than or equal to 1");
        assertSubscriptionInvalid(
                "{\"throttlePolicy\":{\"maxReceivesPerSecond\":2147483648}}",
                "throttlePolicy.maxReceivesPerSecond must be less than or equal to 2147483647");
        assertSubscriptionInvalid(
                "{\"throttlePolicy\":{\"maxReceivesPerSecond\":\"ten\"}}",
                "throttlePolicy.maxReceivesPerSecond must be an integer");
    }

    @Test
    void refusesMembersAwsDoesNotKnowByName() {
        // AWS's text for a subscription's member in a topic's policy, as AWS answers it.
        assertTopicInvalid(
                "{\"throttlePolicy\":{\"maxReceivesPerSecond\":10}}", "Unexpected JSON member: throttlePolicy");
        assertTopicInvalid("{\"http\":{\"healthyRetryPolicy\":{}}}", "Unexpected JSON member: healthyRetryPolicy");
        assertTopicInvalid(topicRetry("\"numRetrys\":3"), "Unexpected JSON member: numRetrys");
        assertTopicInvalid(
                "{\"http\":{\"defaultThrottlePolicy\":{\"maxReceivesPerMinute\":1}}}",
                "Unexpected JSON member: maxReceivesPerMinute");
        assertSubscriptionInvalid("{\"http\":{}}", "Unexpected JSON member: http");
        assertSubscriptionInvalid(
                "{\"defaultHealthyRetryPolicy\":{}}", "Unexpected JSON member: defaultHealthyRetryPolicy");
        assertSubscriptionInvalid(
                "{\"disableSubscriptionOverrides\":true}", "Unexpected JSON member: disableSubscriptionOverrides");
        assertSubscriptionInvalid(
                "{\"requestPolicy\":{\"contentType\":\"text/plain\"}}", "Unexpected JSON member: contentType");
    }

    @Test
    void refusesAnUnknownMemberBeforeCheckingTheOthers() {
        assertSubscriptionInvalid(
                "{\"healthyRetryPolicy\":{\"numRetries\":500,\"extra\":1}}", "Unexpected JSON member: extra");
    }

    @Test
    void refusesMembersOfTheWrongKind() {
        assertTopicInvalid("{\"http\":[]}", "http must be a JSON object");
        assertTopicInvalid(
                "{\"http\":{\"defaultHealthyRetryPolicy\":5}}",
                "http.defaultHealthyRetryPolicy must be" + " a JSON object");
        assertTopicInvalid(
                "{\"http\":{\"disableSubscriptionOverrides\":\"true\"}}",
                "http.disableSubscriptionOverrides must be a boolean");
        assertSubscriptionInvalid("{\"guaranteed\":1}", "guaranteed must be a boolean");
        assertSubscriptionInvalid("{\"throttlePolicy\":10}", "throttlePolicy must be a JSON object");
        assertSubscriptionInvalid("{\"requestPolicy\":\"text/plain\"}", "requestPolicy must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "{\"http\":{}} trailing", "{\"http\":{},}", "   "})
    void refusesTextThatIsNotJson(String text) {
        assertTopicInvalid(text, "failed to parse JSON");
        assertSubscriptionInvalid(text, "failed to parse JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "5", "\"http\"", "null", "true"})
    void refusesJsonThatIsNotAnObject(String text) {
        assertTopicInvalid(text, "policy must be a JSON object");
        assertSubscriptionInvalid(text, "policy must be a JSON object");
    }

    @Test
    void refusesAPolicyLongerThanTheLimit() {
        String padded = "{\"guaranteed\":false" + " ".repeat(DeliveryLimits.POLICY_LENGTH_MAX) + "}";

        assertSubscriptionInvalid(padded, "policy must be at most 65536 characters long");
    }

    @Test
    void leavesAnEmptyValueToTheCallerThatRemovesTheAttribute() {
        assertThatThrownBy(() -> DeliveryPolicy.parseTopic("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryPolicy.parseSubscription("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wordsErrorsInAnAttributesMapAsCreateTopicAndSubscribeDo() {
        // AWS's text for CreateTopic with numRetries 300, as AWS answers it.
        assertInvalid(
                () -> DeliveryPolicy.parseTopic(topicRetry("\"numRetries\":300"), DeliveryPolicy.Source.ATTRIBUTES_MAP),
                "Invalid parameter: Attributes Reason: DeliveryPolicy: http.defaultHealthyRetryPolicy.numRetries"
                        + " must be less than or equal to 100");
        // AWS's text for Subscribe with minDelayTarget 0, as AWS answers it.
        assertInvalid(
                () -> DeliveryPolicy.parseSubscription(
                        subscriptionRetry("\"minDelayTarget\":0"), DeliveryPolicy.Source.ATTRIBUTES_MAP),
                "Invalid parameter: Attributes Reason: DeliveryPolicy: healthyRetryPolicy.minDelayTarget must be"
                        + " greater than or equal to 1");
    }

    @Test
    void writesATopicPolicyBackWithOnlyTheMembersSetAndDisableSubscriptionOverrides() {
        // The forms AWS returns as a topic's DeliveryPolicy after these SetTopicAttributes calls.
        assertThat(DeliveryPolicy.parseTopic(
                                "{\"http\":{\"defaultRequestPolicy\":{\"headerContentType\":\"application/json\"}}}")
                        .toJson())
                .isEqualTo("{\"http\":{\"disableSubscriptionOverrides\":false,"
                        + "\"defaultRequestPolicy\":{\"headerContentType\":\"application/json\"}}}");
        assertThat(DeliveryPolicy.parseTopic(topicRetry("\"minDelayTarget\":5,\"maxDelayTarget\":6,\"numRetries\":1"))
                        .toJson())
                .isEqualTo("{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":6,"
                        + "\"numRetries\":1},\"disableSubscriptionOverrides\":false}}");
        assertThat(DeliveryPolicy.parseTopic("{\"http\":{\"defaultHealthyRetryPolicy\":null}}")
                        .toJson())
                .isEqualTo("{\"http\":{\"disableSubscriptionOverrides\":false}}");
    }

    @Test
    void writesATopicPolicyBackInAwsOrderWhateverTheOrderItCameIn() {
        String json = """
                {"http": {"defaultRequestPolicy": {"headerContentType": "text/xml"},
                  "defaultThrottlePolicy": {"maxReceivesPerSecond": 3},
                  "disableSubscriptionOverrides": true,
                  "defaultHealthyRetryPolicy": {"backoffFunction": "geometric", "numMinDelayRetries": 1,
                    "numNoDelayRetries": 1, "numMaxDelayRetries": 1, "numRetries": 4, "maxDelayTarget": 9,
                    "minDelayTarget": 2}}}""";

        assertThat(DeliveryPolicy.parseTopic(json).toJson())
                .isEqualTo("{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":2,\"maxDelayTarget\":9,"
                        + "\"numRetries\":4,\"numMaxDelayRetries\":1,\"numNoDelayRetries\":1,\"numMinDelayRetries\":1,"
                        + "\"backoffFunction\":\"geometric\"},\"disableSubscriptionOverrides\":true,"
                        + "\"defaultThrottlePolicy\":{\"maxReceivesPerSecond\":3},"
                        + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/xml\"}}}");
    }

    @Test
    void writesASubscriptionPolicyBackWithAllFiveMembersAndNullsForUnsetFields() {
        // The forms AWS returns as a subscription's DeliveryPolicy.
        assertThat(DeliveryPolicy.parseSubscription("{\"requestPolicy\":{\"headerContentType\":\"text/csv\"}}")
                        .toJson())
                .isEqualTo("{\"healthyRetryPolicy\":null,\"sicklyRetryPolicy\":null,\"throttlePolicy\":null,"
                        + "\"requestPolicy\":{\"headerContentType\":\"text/csv\"},\"guaranteed\":false}");
        assertThat(DeliveryPolicy.parseSubscription(
                                subscriptionRetry("\"minDelayTarget\":5,\"maxDelayTarget\":20,\"numRetries\":5"))
                        .toJson())
                .isEqualTo("{\"healthyRetryPolicy\":{\"minDelayTarget\":5,\"maxDelayTarget\":20,\"numRetries\":5,"
                        + "\"numMaxDelayRetries\":null,\"numNoDelayRetries\":null,\"numMinDelayRetries\":null,"
                        + "\"backoffFunction\":null},\"sicklyRetryPolicy\":null,\"throttlePolicy\":null,"
                        + "\"requestPolicy\":null,\"guaranteed\":false}");
    }

    @Test
    void writesAFullySetSubscriptionPolicyBackAsAwsDoes() {
        String json = """
                {"healthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 1, "numRetries": 0,
                   "numNoDelayRetries": 0, "numMinDelayRetries": 0, "numMaxDelayRetries": 0,
                   "backoffFunction": "linear"},
                 "sicklyRetryPolicy": null, "throttlePolicy": {"maxReceivesPerSecond": 1000}, "guaranteed": false}""";

        assertThat(DeliveryPolicy.parseSubscription(json).toJson())
                .isEqualTo("{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":0,"
                        + "\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,"
                        + "\"backoffFunction\":\"linear\"},\"sicklyRetryPolicy\":null,"
                        + "\"throttlePolicy\":{\"maxReceivesPerSecond\":1000},\"requestPolicy\":null,"
                        + "\"guaranteed\":false}");
    }

    @Test
    void readsBackWhatItWrites() {
        String topic = "{\"http\":{\"defaultHealthyRetryPolicy\":{\"numRetries\":7,\"backoffFunction\":\"arithmetic\"},"
                + "\"disableSubscriptionOverrides\":true,\"defaultThrottlePolicy\":{\"maxReceivesPerSecond\":2}}}";
        DeliveryPolicy.Subscription subscription =
                DeliveryPolicy.parseSubscription("{\"healthyRetryPolicy\":{\"numRetries\":9},\"guaranteed\":true,"
                        + "\"requestPolicy\":{\"headerContentType\":\"text/html\"}}");

        assertThat(DeliveryPolicy.parseTopic(topic).toJson()).isEqualTo(topic);
        assertThat(DeliveryPolicy.parseSubscription(subscription.toJson())).isEqualTo(subscription);
    }
}

package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.AwsException;
import dev.wharf.sns.api.ConfirmSubscriptionRequest;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.ListSubscriptionsByTopicRequest;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SetSubscriptionAttributesRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.api.UnsubscribeRequest;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery to HTTP/S endpoints and Lambda functions on the engine, with scripted endpoints and a clock the test moves:
 * the handshake, AWS's headers and documents, retries by the effective policy and their durable state, throttling,
 * dead-letter queues, and Lambda's event and schedule. No sockets and no sleeps.
 */
class SnsEndpointDeliveryTest {

    private static final String ACCOUNT = "000000000000";
    private static final SnsContext CONTEXT = new SnsContext(ACCOUNT, "http://localhost:4566");
    private static final SnsContext ANONYMOUS = new SnsContext("", "http://localhost:4566");
    private static final SqsContext QUEUES = new SqsContext(ACCOUNT, "http://localhost:4566");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    /** One key for every test: making one takes a good part of a second. */
    private static final SigningKeys KEYS = SigningKeys.ephemeral(Clock.fixed(START, ZoneOffset.UTC));

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:f";
    private static final URI INVOKE_URL = URI.create("http://localhost:9000/2015-03-31/functions/function/invocations");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = new TestClock(START);
    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final SqsEngine sqs = new SqsEngine(storage.queues(), clock, "us-east-1");
    private final FakeEndpoints endpoints = new FakeEndpoints(clock);
    private SnsEngine sns = open(DeliveryLanes.Limits.DEFAULT, Runnable::run, false);

    private SnsEngine open(DeliveryLanes.Limits limits, Executor executor, boolean background) {
        return new SnsEngine(
                storage.topics(),
                storage.deliveries(),
                storage.archive(),
                sqs,
                KEYS,
                clock,
                "us-east-1",
                new SnsDeliveryConfig(endpoints, Map.of(FUNCTION, INVOKE_URL)),
                limits,
                executor,
                background);
    }

    @AfterEach
    void close() {
        sns.close();
    }

    private String topic(String name) {
        return Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest(name, null, null, null))
                .topicArn());
    }

    private String queue(String name) {
        sqs.createQueue(QUEUES, new CreateQueueRequest(name, null, null));
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name;
    }

    private List<Message> receive(String queue) {
        return sqs.receiveMessage(
                        QUEUES, ReceiveMessageRequest.of("http://localhost:4566/" + ACCOUNT + "/" + queue, 10))
                .messages();
    }

    private String publish(String topic, String message) {
        return publish(topic, null, message, Map.of());
    }

    private String publish(
            String topic,
            @org.jspecify.annotations.Nullable String subject,
            String message,
            Map<String, MessageAttributeValue> attributes) {
        return Objects.requireNonNull(sns.publish(
                        CONTEXT, new PublishRequest(topic, null, null, message, subject, null, attributes, null, null))
                .messageId());
    }

    private Subscription only(String topic) {
        return Objects.requireNonNull(sns.topicForTest(topic)).subscriptions.getFirst();
    }

    /** Subscribes an HTTP/S endpoint and confirms it with the token its confirmation carried. */
    private String confirmed(String topic, String endpoint, Map<String, String> attributes) {
        String protocol = endpoint.startsWith("https") ? "https" : "http";
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, protocol, endpoint, attributes, null));
        String token = Objects.requireNonNull(sns.topicForTest(topic)).subscriptions.stream()
                .filter(s -> s.endpoint().equals(endpoint))
                .findFirst()
                .orElseThrow()
                .token();
        String arn = Objects.requireNonNull(
                sns.confirmSubscription(ANONYMOUS, new ConfirmSubscriptionRequest(topic, token, null))
                        .subscriptionArn());
        // The confirmation request finds its subscription confirmed already and is dropped unsent.
        sns.runDeliveries();
        endpoints.clear();
        return arn;
    }

    private static String retryPolicy(int minDelay, int maxDelay, int retries) {
        return "{\"healthyRetryPolicy\":{\"minDelayTarget\":" + minDelay + ",\"maxDelayTarget\":" + maxDelay
                + ",\"numRetries\":" + retries + "}}";
    }

    private static String redriveTo(String queueArn) {
        return "{\"deadLetterTargetArn\":\"" + queueArn + "\"}";
    }

    private static String attribute(Message message, String name) {
        var value = message.messageAttributes().get(name);
        return value == null ? "(absent)" : String.valueOf(value.stringValue());
    }

    private int pendingDeliveries() {
        int[] count = {0};
        storage.deliveries().scanDeliveries((sequence, target, value) -> count[0]++);
        return count[0];
    }

    private List<Duration> offsets(List<FakeEndpoints.Received> received) {
        List<Duration> out = new ArrayList<>();
        for (FakeEndpoints.Received request : received) {
            out.add(Duration.between(START, request.at()));
        }
        return out;
    }

    /** Whether a document's signature verifies with the signing certificate, over AWS's string to sign. */
    private static boolean signatureVerifies(JsonNode document, List<String> fields) throws Exception {
        StringBuilder signed = new StringBuilder();
        for (String field : fields) {
            if (document.has(field)) {
                signed.append(field)
                        .append('\n')
                        .append(document.path(field).asText())
                        .append('\n');
            }
        }
        Signature verifier = Signature.getInstance("SHA1withRSA");
        verifier.initVerify(KEYS.certificate().getPublicKey());
        verifier.update(signed.toString().getBytes(StandardCharsets.UTF_8));
        return verifier.verify(
                Base64.getDecoder().decode(document.path("Signature").asText()));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void subscribingAnHttpEndpointPostsASignedSubscriptionConfirmationWithAwsHeaders() throws Exception {
        String topic = topic("hooks");
        assertThat(sns.subscribe(CONTEXT, new SubscribeRequest(topic, "http", "http://hooks.example/sns", null, null))
                        .subscriptionArn())
                .isEqualTo("pending confirmation");
        publish(topic, "not yet");

        sns.runDeliveries();

        assertThat(endpoints.received()).singleElement().satisfies(confirmation -> {
            assertThat(confirmation.request().uri()).hasToString("http://hooks.example/sns");
            assertThat(confirmation.request().timeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(confirmation.request().headers().keySet())
                    .containsExactly(
                            "x-amz-sns-message-type",
                            "x-amz-sns-message-id",
                            "x-amz-sns-topic-arn",
                            "Content-Type",
                            "User-Agent");
            assertThat(confirmation.header("x-amz-sns-message-type")).isEqualTo("SubscriptionConfirmation");
            assertThat(confirmation.header("x-amz-sns-topic-arn")).isEqualTo(topic);
            assertThat(confirmation.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
            assertThat(confirmation.header("User-Agent")).isEqualTo("Amazon Simple Notification Service Agent");
        });
        FakeEndpoints.Received confirmation = endpoints.received().getFirst();
        JsonNode document = JSON.readTree(confirmation.body());
        String token = only(topic).token();
        assertThat(fieldNames(document))
                .containsExactly(
                        "Type",
                        "MessageId",
                        "Token",
                        "TopicArn",
                        "Message",
                        "SubscribeURL",
                        "Timestamp",
                        "SignatureVersion",
                        "Signature",
                        "SigningCertURL");
        assertThat(document.path("MessageId").asText()).isEqualTo(confirmation.header("x-amz-sns-message-id"));
        assertThat(document.path("Token").asText()).isEqualTo(token);
        assertThat(document.path("SubscribeURL").asText())
                .isEqualTo("http://localhost:4566/?Action=ConfirmSubscription&TopicArn="
                        + "arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Ahooks&Token=" + token);
        assertThat(document.path("Timestamp").asText()).isEqualTo("2025-01-01T00:00:00.000Z");
        assertThat(document.path("SigningCertURL").asText())
                .isEqualTo("http://localhost:4566/" + KEYS.certificateFileName());
        assertThat(signatureVerifies(
                        document,
                        List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type")))
                .isTrue();

        String arn = Objects.requireNonNull(
                sns.confirmSubscription(ANONYMOUS, new ConfirmSubscriptionRequest(topic, token, null))
                        .subscriptionArn());
        assertThat(arn).startsWith(topic + ":");
        clock.advance(Duration.ofMinutes(5));
        sns.runDeliveries();
        assertThat(endpoints.received())
                .as("neither the confirmation again nor the message published while pending")
                .hasSize(1);
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void aFailedConfirmationIsRetriedByTheSubscriptionsPolicyThenGivenUp() {
        String topic = topic("unready");
        endpoints.answer(request -> 503);
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, "https", "https://hooks.example/sns", null, null));

        for (int second = 0; second <= 100; second++) {
            sns.runDeliveries();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(offsets(endpoints.received("SubscriptionConfirmation")))
                .as("AWS's default policy: 3 retries 20 seconds apart")
                .containsExactly(Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(60));
        assertThat(endpoints.received("SubscriptionConfirmation"))
                .extracting(r -> r.header("x-amz-sns-message-id"))
                .as("a retry carries the first attempt's message id")
                .containsOnly(endpoints.received().getFirst().header("x-amz-sns-message-id"));
        assertThat(pendingDeliveries()).isZero();
        assertThat(only(topic).confirmed()).isFalse();
    }

    @Test
    void subscribingAgainWhilePendingSendsTheConfirmationAgain() {
        String topic = topic("again");
        for (int i = 0; i < 2; i++) {
            sns.subscribe(CONTEXT, new SubscribeRequest(topic, "http", "http://hooks.example/", null, null));
            sns.runDeliveries();
        }
        assertThat(endpoints.received("SubscriptionConfirmation"))
                .hasSize(2)
                .extracting(r -> r.header("x-amz-sns-message-id"))
                .doesNotHaveDuplicates();
    }

    @Test
    void aNotificationCarriesAwsHeadersTheDocumentAndThePolicysContentType() throws Exception {
        String topic = topic("notify");
        String arn = confirmed(
                topic,
                "http://hooks.example/in?x=1",
                Map.of("DeliveryPolicy", "{\"requestPolicy\":{\"headerContentType\":\"application/json\"}}"));

        String messageId =
                publish(topic, "Greeting", "hello", Map.of("color", MessageAttributeValue.ofString("String", "blue")));
        sns.runDeliveries();

        FakeEndpoints.Received notification = endpoints.received("Notification").getFirst();
        assertThat(notification.request().uri()).hasToString("http://hooks.example/in?x=1");
        assertThat(notification.request().headers())
                .containsExactly(
                        Map.entry("x-amz-sns-message-type", "Notification"),
                        Map.entry("x-amz-sns-message-id", messageId),
                        Map.entry("x-amz-sns-topic-arn", topic),
                        Map.entry("x-amz-sns-subscription-arn", arn),
                        Map.entry("Content-Type", "application/json"),
                        Map.entry("User-Agent", "Amazon Simple Notification Service Agent"));
        JsonNode document = JSON.readTree(notification.body());
        assertThat(document.path("Type").asText()).isEqualTo("Notification");
        assertThat(document.path("MessageId").asText()).isEqualTo(messageId);
        assertThat(document.path("Subject").asText()).isEqualTo("Greeting");
        assertThat(document.path("Message").asText()).isEqualTo("hello");
        assertThat(document.path("UnsubscribeURL").asText())
                .isEqualTo(QueueNotifications.unsubscribeUrl("http://localhost:4566", arn));
        assertThat(document.path("MessageAttributes")
                        .path("color")
                        .path("Value")
                        .asText())
                .isEqualTo("blue");
        assertThat(signatureVerifies(
                        document, List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")))
                .isTrue();
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void rawDeliveryPostsTheMessageItselfWithTheRawDeliveryHeader() {
        String topic = topic("raw");
        String arn = confirmed(topic, "http://hooks.example/raw", Map.of());
        sns.setSubscriptionAttributes(CONTEXT, new SetSubscriptionAttributesRequest(arn, "RawMessageDelivery", "true"));

        publish(topic, null, "{\"id\":7}", Map.of("n", MessageAttributeValue.ofString("Number", "1")));
        sns.runDeliveries();

        FakeEndpoints.Received raw = endpoints.received("Notification").getFirst();
        assertThat(raw.body()).isEqualTo("{\"id\":7}");
        assertThat(raw.request().headers().keySet())
                .containsExactly(
                        "x-amz-sns-message-type",
                        "x-amz-sns-message-id",
                        "x-amz-sns-topic-arn",
                        "x-amz-sns-subscription-arn",
                        "x-amz-sns-rawdelivery",
                        "Content-Type",
                        "User-Agent");
        assertThat(raw.header("x-amz-sns-rawdelivery")).isEqualTo("true");
        assertThat(raw.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
    }

    @Test
    void serverErrorsAreRetriedByTheEffectivePolicyAndThenGoToTheDeadLetterQueue() {
        String topic = topic("retried");
        String dlq = queue("retried-dlq");
        confirmed(
                topic,
                "http://hooks.example/down",
                Map.of("DeliveryPolicy", retryPolicy(1, 1, 3), "RedrivePolicy", redriveTo(dlq)));
        endpoints.answer(request -> 500);

        publish(topic, "lost");
        for (int second = 0; second < 10; second++) {
            sns.runDeliveries();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(offsets(endpoints.received("Notification")))
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(receive("retried-dlq")).singleElement().satisfies(dead -> {
            assertThat(dead.body()).contains("\"Message\" : \"lost\"");
            assertThat(attribute(dead, "ErrorCode")).isEqualTo("500");
            assertThat(attribute(dead, "ErrorMessage")).isEqualTo("The endpoint answered HTTP status 500");
            assertThat(attribute(dead, "TopicArn")).isEqualTo(topic);
        });
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void aClientErrorIsNotRetriedAndGoesToTheDeadLetterQueueAtOnce() {
        String topic = topic("refused");
        String dlq = queue("refused-dlq");
        confirmed(topic, "http://hooks.example/gone", Map.of("RedrivePolicy", redriveTo(dlq)));
        endpoints.answer(request -> 404);

        publish(topic, "nobody home");
        sns.runDeliveries();
        clock.advance(Duration.ofMinutes(10));
        sns.runDeliveries();

        assertThat(endpoints.received("Notification")).hasSize(1);
        assertThat(receive("refused-dlq")).singleElement().satisfies(dead -> assertThat(attribute(dead, "ErrorCode"))
                .isEqualTo("404"));
    }

    @Test
    void timeoutsAndConnectionErrorsAreRetriedUntilTheEndpointAnswers() {
        String topic = topic("flaky");
        String dlq = queue("flaky-dlq");
        confirmed(topic, "http://hooks.example/flaky", Map.of("RedrivePolicy", redriveTo(dlq)));
        int[] calls = {0};
        endpoints.answer(request -> switch (calls[0]++) {
            case 0 -> throw new HttpTimeoutException("no answer within 15 s");
            case 1 -> throw new java.net.ConnectException("Connection refused");
            default -> 204;
        });

        publish(topic, "eventually");
        for (int second = 0; second <= 60; second++) {
            sns.runDeliveries();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(offsets(endpoints.received("Notification")))
                .containsExactly(Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(40));
        assertThat(receive("flaky-dlq")).isEmpty();
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void retriesStopOnceTheyHaveWaitedAnHourWhateverThePolicyAsks() {
        String topic = topic("long");
        confirmed(topic, "http://hooks.example/long", Map.of("DeliveryPolicy", retryPolicy(60, 60, 100)));
        endpoints.answer(request -> 500);

        publish(topic, "patience");
        for (int minute = 0; minute <= 120; minute++) {
            sns.runDeliveries();
            clock.advance(Duration.ofMinutes(1));
        }

        List<Duration> attempts = offsets(endpoints.received("Notification"));
        assertThat(attempts).hasSize(61).endsWith(Duration.ofHours(1));
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void aThrottlePolicySpacesTheDeliveriesOfASubscription() {
        String topic = topic("throttled");
        confirmed(
                topic,
                "http://hooks.example/slowly",
                Map.of("DeliveryPolicy", "{\"throttlePolicy\":{\"maxReceivesPerSecond\":2}}"));
        for (int i = 0; i < 5; i++) {
            publish(topic, "m" + i);
        }

        for (int tick = 0; tick < 10; tick++) {
            sns.runDeliveries();
            clock.advance(Duration.ofMillis(250));
        }

        assertThat(offsets(endpoints.received("Notification")))
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofMillis(500),
                        Duration.ofMillis(1000),
                        Duration.ofMillis(1500),
                        Duration.ofMillis(2000));
    }

    @Test
    void aFailedAttemptIsRecordedInTheOutboxAndAfterARestartRetriedAtItsDueTime() {
        String topic = topic("restart");
        String arn = confirmed(topic, "http://hooks.example/later", Map.of());
        endpoints.answer(request -> 500);
        String messageId = publish(topic, "survives");
        sns.runDeliveries();

        List<SnsRecords.Pending> stored = new ArrayList<>();
        storage.deliveries()
                .scanDeliveries(
                        (sequence, target, value) -> stored.add(SnsRecords.decode(value, SnsRecords.Pending.class)));
        assertThat(stored)
                .containsExactly(
                        new SnsRecords.Pending(arn, 1, START.plusSeconds(20).toEpochMilli(), null));

        sns.close();
        clock.advance(Duration.ofSeconds(5));
        endpoints.answer(request -> 200);
        sns = open(DeliveryLanes.Limits.DEFAULT, Runnable::run, false);
        sns.runDeliveries();
        assertThat(endpoints.received("Notification"))
                .as("not before it is due")
                .hasSize(1);

        clock.advance(Duration.ofSeconds(15));
        sns.runDeliveries();

        assertThat(endpoints.received("Notification"))
                .extracting(r -> r.header("x-amz-sns-message-id"))
                .containsExactly(messageId, messageId);
        assertThat(offsets(endpoints.received("Notification")).getLast()).isEqualTo(Duration.ofSeconds(20));
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void aSlowEndpointDelaysNoOtherSubscriptionAndGetsAtMostItsShareOfRequests() throws Exception {
        sns.close();
        sns = open(
                DeliveryLanes.Limits.DEFAULT, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor(), true);
        String topic = topic("isolated");
        confirmed(topic, "http://slow.example/", Map.of());
        confirmed(topic, "http://fast.example/", Map.of());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch fastDone = new java.util.concurrent.CountDownLatch(20);
        java.util.concurrent.CountDownLatch slowDone = new java.util.concurrent.CountDownLatch(20);
        java.util.concurrent.atomic.AtomicInteger slowInFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger slowInFlightMax = new java.util.concurrent.atomic.AtomicInteger();
        endpoints.answer(request -> {
            if (!"Notification".equals(request.header("x-amz-sns-message-type"))) {
                // A confirmation that raced the test's own confirming.
                return 200;
            }
            if (request.uri().getHost().equals("fast.example")) {
                fastDone.countDown();
                return 200;
            }
            slowInFlightMax.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
            try {
                release.await();
            } finally {
                slowInFlight.decrementAndGet();
            }
            slowDone.countDown();
            return 200;
        });

        for (int i = 0; i < 20; i++) {
            publish(topic, "m" + i);
        }

        assertThat(fastDone.await(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("the fast endpoint had all 20 while the slow one answered none")
                .isTrue();
        assertThat(slowDone.getCount()).isEqualTo(20);
        // The lane may still be handing requests to the slow endpoint when the fast one is done: wait until it holds
        // its full share, so that the bound below is reached, not merely not exceeded.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (slowInFlight.get() < DeliveryLanes.Limits.DEFAULT.endpointConcurrency()
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        release.countDown();
        assertThat(slowDone.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(slowInFlightMax.get())
                .as("requests in flight to one endpoint")
                .isEqualTo(DeliveryLanes.Limits.DEFAULT.endpointConcurrency());
    }

    @Test
    void deliveriesBeyondTheIndexStayInTheStoreAndAreIndexedAsItDrains() {
        sns.close();
        sns = open(new DeliveryLanes.Limits(4, 64, 8), Runnable::run, false);
        String topic = topic("backlog");
        confirmed(topic, "http://hooks.example/backlog", Map.of());
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            published.add(publish(topic, "m" + i));
        }

        sns.runDeliveries();

        assertThat(endpoints.received("Notification"))
                .extracting(r -> r.header("x-amz-sns-message-id"))
                .containsExactlyInAnyOrderElementsOf(published);
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void unsubscribingSendsAnUnsubscribeConfirmationWhoseLinkRestoresTheSubscription() throws Exception {
        String topic = topic("leaving");
        String arn = confirmed(topic, "http://hooks.example/bye", Map.of());
        String token = only(topic).token();

        sns.unsubscribe(ANONYMOUS, new UnsubscribeRequest(arn));
        sns.runDeliveries();

        FakeEndpoints.Received goodbye =
                endpoints.received("UnsubscribeConfirmation").getFirst();
        assertThat(goodbye.header("x-amz-sns-subscription-arn")).isEqualTo(arn);
        JsonNode document = JSON.readTree(goodbye.body());
        assertThat(document.path("Message").asText())
                .isEqualTo("You have chosen to deactivate subscription " + arn
                        + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included"
                        + " in this message.");
        assertThat(document.path("SubscribeURL").asText())
                .isEqualTo(EndpointRequests.subscribeUrl("http://localhost:4566", topic, token));
        assertThat(signatureVerifies(
                        document,
                        List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type")))
                .isTrue();
        assertThat(sns.listSubscriptionsByTopic(CONTEXT, new ListSubscriptionsByTopicRequest(topic, null))
                        .subscriptions())
                .isEmpty();

        assertThat(sns.confirmSubscription(ANONYMOUS, new ConfirmSubscriptionRequest(topic, token, null))
                        .subscriptionArn())
                .isEqualTo(arn);
        publish(topic, "welcome back");
        sns.runDeliveries();
        assertThat(endpoints.received("Notification")).hasSize(1);
    }

    @Test
    void anUnsubscribedSubscriptionCannotBeRestoredAfterThreeDays() {
        String topic = topic("expired");
        String arn = confirmed(topic, "http://hooks.example/late", Map.of());
        String token = only(topic).token();
        sns.unsubscribe(CONTEXT, new UnsubscribeRequest(arn));

        clock.advance(Duration.ofDays(3).plusMillis(1));

        assertThatThrownBy(() -> sns.confirmSubscription(ANONYMOUS, new ConfirmSubscriptionRequest(topic, token, null)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(SnsError.InvalidParameter);
                    assertThat(e.getMessage()).isEqualTo("Invalid token");
                });
    }

    @Test
    void emailSubscriptionsStayPendingAndAreSentNothing() {
        String topic = topic("mail");
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, "email", "someone@example.com", null, null));
        publish(topic, "not for email yet");
        sns.runDeliveries();
        assertThat(endpoints.received()).isEmpty();
        assertThat(only(topic).confirmed()).isFalse();
    }

    @Test
    void credentialsInTheEndpointTravelAsBasicAuthorization() {
        String topic = topic("basic");
        confirmed(topic, "https://user:p%40ss@hooks.example:8443/in", Map.of());
        publish(topic, "secret");
        sns.runDeliveries();
        FakeEndpoints.Received notification = endpoints.received("Notification").getFirst();
        assertThat(notification.request().uri()).hasToString("https://hooks.example:8443/in");
        assertThat(notification.header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("user:p@ss".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLambdaSubscriptionIsConfirmedAtOnceAndInvokedAsynchronouslyWithTheSnsEvent() throws Exception {
        String topic = topic("events");
        String arn = Objects.requireNonNull(
                sns.subscribe(CONTEXT, new SubscribeRequest(topic, "lambda", FUNCTION, null, null))
                        .subscriptionArn());
        assertThat(arn).startsWith(topic + ":");

        String messageId = publish(
                topic,
                "Hi",
                "{\"k\":1}",
                Map.of(
                        "s", MessageAttributeValue.ofString("String", "v"),
                        "n", MessageAttributeValue.ofString("Number", "5")));
        sns.runDeliveries();

        FakeEndpoints.Received invocation = endpoints.received("Invoke").getFirst();
        assertThat(invocation.request().uri()).isEqualTo(INVOKE_URL);
        assertThat(invocation.request().headers())
                .containsExactly(
                        Map.entry("Content-Type", "application/json"), Map.entry("X-Amz-Invocation-Type", "Event"));
        assertThat(invocation.request().timeout()).isEqualTo(Duration.ofSeconds(900));
        JsonNode event = JSON.readTree(invocation.body());
        assertThat(fieldNames(event)).containsExactly("Records");
        JsonNode record = event.path("Records").get(0);
        assertThat(event.path("Records").size()).isEqualTo(1);
        assertThat(fieldNames(record)).containsExactly("EventSource", "EventVersion", "EventSubscriptionArn", "Sns");
        assertThat(record.path("EventSource").asText()).isEqualTo("aws:sns");
        assertThat(record.path("EventVersion").asText()).isEqualTo("1.0");
        assertThat(record.path("EventSubscriptionArn").asText()).isEqualTo(arn);
        JsonNode sns = record.path("Sns");
        assertThat(fieldNames(sns))
                .containsExactly(
                        "Type",
                        "MessageId",
                        "TopicArn",
                        "Subject",
                        "Message",
                        "Timestamp",
                        "SignatureVersion",
                        "Signature",
                        "SigningCertUrl",
                        "UnsubscribeUrl",
                        "MessageAttributes");
        assertThat(sns.path("MessageId").asText()).isEqualTo(messageId);
        assertThat(sns.path("Message").asText()).isEqualTo("{\"k\":1}");
        assertThat(sns.path("Subject").asText()).isEqualTo("Hi");
        assertThat(sns.path("MessageAttributes").path("n").toString())
                .isEqualTo("{\"Type\":\"String\",\"Value\":\"5\"}");
        assertThat(signatureVerifies(sns, List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")))
                .isTrue();
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void lambdaInvocationsAreRetriedByAwsScheduleForItsOwnEndpoints() {
        String topic = topic("retried-events");
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, "lambda", FUNCTION, null, null));
        endpoints.answer(request -> 429);

        publish(topic, "later");
        for (int second = 0; second < 3; second++) {
            sns.runDeliveries();
            clock.advance(Duration.ofSeconds(1));
        }
        endpoints.answer(request -> 202);
        sns.runDeliveries();

        assertThat(offsets(endpoints.received("Invoke")))
                .as("three retries at once, then two a second apart, then the backoff's first")
                .containsExactly(
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(3));
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void aLambdaFunctionWithoutAnInvokeUrlFailsAsAMissingFunctionToTheDeadLetterQueue() {
        String topic = topic("nowhere");
        String dlq = queue("nowhere-dlq");
        String unmapped = "arn:aws:lambda:us-east-1:000000000000:function:unknown";
        sns.subscribe(
                CONTEXT,
                new SubscribeRequest(topic, "lambda", unmapped, Map.of("RedrivePolicy", redriveTo(dlq)), null));

        publish(topic, "for no one");
        sns.runDeliveries();

        assertThat(endpoints.received()).isEmpty();
        assertThat(receive("nowhere-dlq")).singleElement().satisfies(dead -> {
            assertThat(attribute(dead, "ErrorCode")).isEqualTo("ResourceNotFoundException");
            assertThat(attribute(dead, "ErrorMessage")).isEqualTo("Function not found: " + unmapped);
            assertThat(dead.body()).contains("\"EventSubscriptionArn\"");
        });
        assertThat(pendingDeliveries()).isZero();
    }

    @Test
    void aQualifiedFunctionArnTakesItsFunctionsInvokeUrl() {
        String topic = topic("alias");
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, "lambda", FUNCTION + ":live", null, null));
        publish(topic, "to the alias");
        sns.runDeliveries();
        assertThat(endpoints.received("Invoke"))
                .singleElement()
                .satisfies(r -> assertThat(r.request().uri()).isEqualTo(INVOKE_URL));
    }
}

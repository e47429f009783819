package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.sns.api.ConfirmSubscriptionRequest;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.engine.endpoint.Mail;
import dev.wharf.sns.engine.endpoint.MailRejectedException;
import dev.wharf.sns.engine.endpoint.MailSender;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery to email and email-json subscriptions on the engine, with a scripted mail relay and a clock the test moves:
 * the confirmation mail and its SubscribeURL, the notification mails, AWS's fixed schedule for SMTP, and what cannot be
 * delivered. No sockets and no sleeps; the real relay is {@code SmtpMailSenderTest}'s.
 */
class SnsMailDeliveryTest {

    private static final String ACCOUNT = "000000000000";
    private static final String ENDPOINT = "http://localhost:4566";
    private static final SnsContext CONTEXT = new SnsContext(ACCOUNT, ENDPOINT);
    private static final SnsContext ANONYMOUS = new SnsContext("", ENDPOINT);
    private static final SqsContext QUEUES = new SqsContext(ACCOUNT, ENDPOINT);
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final SigningKeys KEYS = SigningKeys.ephemeral(Clock.fixed(START, ZoneOffset.UTC));
    private static final Pattern SUBSCRIBE_URL = Pattern.compile("(http://\\S+Action=ConfirmSubscription\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A relay that takes every mail, or fails as the test scripts it. */
    private static final class FakeRelay implements MailSender {
        final List<Mail> sent = new ArrayList<>();
        final Deque<IOException> failures = new ArrayDeque<>();
        int attempts;
        boolean closed;

        @Override
        public synchronized void send(Mail mail) throws IOException {
            attempts++;
            IOException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            sent.add(mail);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final TestClock clock = new TestClock(START);
    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final SqsEngine sqs = new SqsEngine(storage.queues(), clock, "us-east-1");
    private final FakeRelay relay = new FakeRelay();
    private SnsEngine sns = open(relay);

    private SnsEngine open(@Nullable MailSender mailer) {
        return new SnsEngine(
                storage.topics(),
                storage.deliveries(),
                storage.archive(),
                sqs,
                KEYS,
                clock,
                "us-east-1",
                new SnsDeliveryConfig(new FakeEndpoints(clock), Map.of(), mailer),
                DeliveryLanes.Limits.DEFAULT,
                Runnable::run,
                false);
    }

    @AfterEach
    void close() {
        sns.close();
    }

    private String topic(String name, Map<String, String> attributes) {
        return Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest(name, attributes, null, null))
                .topicArn());
    }

    private void publish(String topic, @Nullable String subject, String message, @Nullable String structure) {
        sns.publish(CONTEXT, new PublishRequest(topic, null, null, message, subject, structure, Map.of(), null, null));
    }

    /** Subscribes an address and confirms it through the link its confirmation mail carries, as its owner would. */
    private String confirmed(String topic, String protocol, String address, Map<String, String> attributes) {
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, protocol, address, attributes, null));
        sns.runDeliveries();
        Mail confirmation = relay.sent.removeLast();
        String url = subscribeUrl(confirmation);
        String token = query(url, "Token");
        assertThat(query(url, "TopicArn")).isEqualTo(topic);
        return Objects.requireNonNull(
                sns.confirmSubscription(ANONYMOUS, new ConfirmSubscriptionRequest(topic, token, null))
                        .subscriptionArn());
    }

    private static String subscribeUrl(Mail mail) {
        Matcher matcher = SUBSCRIBE_URL.matcher(mail.text());
        assertThat(matcher.find()).as("a SubscribeURL in: %s", mail.text()).isTrue();
        return matcher.group(1);
    }

    private static String query(String url, String name) {
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    @Test
    void anEmailSubscriptionIsConfirmedThroughTheLinkOfItsConfirmationMail() {
        String topic = topic("alerts", Map.of("DisplayName", "Alerts"));
        String pending = Objects.requireNonNull(
                sns.subscribe(CONTEXT, new SubscribeRequest(topic, "email", "ops@example.com", Map.of(), null))
                        .subscriptionArn());
        assertThat(pending).isEqualTo("pending confirmation");
        sns.runDeliveries();

        assertThat(relay.sent).hasSize(1);
        Mail confirmation = relay.sent.getFirst();
        assertThat(confirmation.to()).isEqualTo("ops@example.com");
        assertThat(confirmation.subject()).isEqualTo("AWS Notification - Subscription Confirmation");
        assertThat(confirmation.senderName()).isEqualTo("Alerts");
        assertThat(confirmation.text()).contains(topic);
        String url = subscribeUrl(confirmation);
        assertThat(url).startsWith(ENDPOINT + "/?Action=ConfirmSubscription&TopicArn=");

        String arn = Objects.requireNonNull(
                sns.confirmSubscription(ANONYMOUS, new ConfirmSubscriptionRequest(topic, query(url, "Token"), null))
                        .subscriptionArn());
        assertThat(arn).startsWith(topic + ":");
        assertThat(Objects.requireNonNull(sns.topicForTest(topic))
                        .subscriptions
                        .getFirst()
                        .confirmed())
                .isTrue();
    }

    @Test
    void aPendingEmailSubscriptionReceivesNoNotification() {
        String topic = topic("quiet", Map.of());
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, "email", "ops@example.com", Map.of(), null));
        sns.runDeliveries();
        relay.sent.clear();
        publish(topic, null, "not for the unconfirmed", null);
        sns.runDeliveries();
        assertThat(relay.sent).isEmpty();
    }

    @Test
    void anEmailNotificationIsTheMessageWithItsSubjectAndAnUnsubscribeLink() {
        String topic = topic("news", Map.of());
        String arn = confirmed(topic, "email", "reader@example.com", Map.of());

        publish(topic, "Weekly news", "Grüße: the message, as sent", null);
        publish(topic, null, "no subject", null);
        sns.runDeliveries();

        assertThat(relay.sent).hasSize(2);
        Mail first = relay.sent.get(0);
        assertThat(first.to()).isEqualTo("reader@example.com");
        assertThat(first.senderName()).isEqualTo("AWS Notifications");
        assertThat(first.subject()).isEqualTo("Weekly news");
        assertThat(first.text())
                .startsWith("Grüße: the message, as sent\n")
                .contains(ENDPOINT + "/?Action=Unsubscribe&SubscriptionArn="
                        + java.net.URLEncoder.encode(arn, StandardCharsets.UTF_8));
        assertThat(relay.sent.get(1).subject()).isEqualTo("AWS Notification Message");
    }

    @Test
    void anEmailJsonNotificationIsTheSignedDocumentAndMessageStructureChoosesItsPayload() throws Exception {
        String topic = topic("json", Map.of());
        String arn = confirmed(topic, "email-json", "robot@example.com", Map.of());

        publish(
                topic,
                "Structured",
                "{\"default\":\"for everyone\",\"email-json\":\"for robots\",\"email\":\"for people\"}",
                "json");
        sns.runDeliveries();

        Mail mail = relay.sent.getFirst();
        assertThat(mail.subject()).isEqualTo("Structured");
        JsonNode document = JSON.readTree(mail.text());
        assertThat(document.path("Type").asText()).isEqualTo("Notification");
        assertThat(document.path("Message").asText()).isEqualTo("for robots");
        assertThat(document.path("Subject").asText()).isEqualTo("Structured");
        assertThat(document.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(document.path("Signature").asText()).isNotEmpty();
        assertThat(document.path("UnsubscribeURL").asText())
                .contains(java.net.URLEncoder.encode(arn, StandardCharsets.UTF_8));
    }

    @Test
    void aRelayThatCannotBeReachedIsRetriedOnAwsScheduleForSmtp() {
        String topic = topic("retried", Map.of());
        confirmed(topic, "email", "ops@example.com", Map.of());
        relay.failures.add(new IOException("connection refused"));
        relay.failures.add(new IOException("connection refused"));
        relay.attempts = 0;

        publish(topic, null, "eventually", null);
        sns.runDeliveries();
        assertThat(relay.attempts).isEqualTo(1);
        assertThat(relay.sent).isEmpty();

        // No retry at once: the first two are ten seconds apart.
        clock.advance(Duration.ofSeconds(9));
        sns.runDeliveries();
        assertThat(relay.attempts).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        sns.runDeliveries();
        assertThat(relay.attempts).isEqualTo(2);
        clock.advance(Duration.ofSeconds(10));
        sns.runDeliveries();
        assertThat(relay.attempts).isEqualTo(3);
        assertThat(relay.sent).extracting(Mail::text).singleElement().asString().startsWith("eventually");
    }

    @Test
    void aMailTheRelayRefusesForGoodGoesToTheDeadLetterQueueWithoutRetries() {
        sqs.createQueue(QUEUES, new CreateQueueRequest("mail-dlq", null, null));
        String dlq = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":mail-dlq";
        String topic = topic("refused", Map.of());
        confirmed(
                topic,
                "email",
                "nobody@example.com",
                Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq + "\"}"));
        relay.failures.add(new MailRejectedException("550 no such user"));
        relay.attempts = 0;

        publish(topic, null, "undeliverable", null);
        sns.runDeliveries();
        clock.advance(Duration.ofHours(7));
        sns.runDeliveries();

        assertThat(relay.attempts).isEqualTo(1);
        List<Message> dead = sqs.receiveMessage(
                        QUEUES, ReceiveMessageRequest.of(ENDPOINT + "/" + ACCOUNT + "/mail-dlq", 10))
                .messages();
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(message.body()).startsWith("undeliverable\n");
            assertThat(Objects.requireNonNull(message.messageAttributes()).get("ErrorCode"))
                    .isNotNull();
        });
    }

    @Test
    void withoutARelayMailsAreGivenUpAndNothingElseWaits() {
        sns.close();
        sns = open(null);
        String topic = topic("no-relay", Map.of());
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, "email", "ops@example.com", Map.of(), null));
        List<Long> waiting = new ArrayList<>();
        storage.deliveries().scanDeliveries((sequence, target, value) -> waiting.add(sequence));
        assertThat(waiting).as("the confirmation in the outbox").hasSize(1);
        sns.runDeliveries();
        // The confirmation was given up at its first attempt: nothing of it is left in the outbox.
        List<Long> left = new ArrayList<>();
        storage.deliveries().scanDeliveries((sequence, target, value) -> left.add(sequence));
        assertThat(left).isEmpty();
    }

    @Test
    void theEngineClosesItsMailSender() {
        sns.close();
        assertThat(relay.closed).isTrue();
    }
}

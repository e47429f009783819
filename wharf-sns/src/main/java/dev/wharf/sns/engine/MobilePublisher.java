package dev.wharf.sns.engine;

import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.PublishResponse;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.sns.engine.message.MessageStructure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Sends SMS to phone numbers and push notifications to platform endpoints, as a topic's {@code sms} and {@code
 * application} subscribers or by a direct Publish, into the {@link Outboxes}, where Wharf keeps what a carrier or a
 * push service would have received. A message is durable there before Publish answers.
 *
 * <p>As AWS documents it, an opted-out number receives nothing (its subscription stays), and neither does a disabled
 * or deleted endpoint; a direct Publish to a disabled endpoint is refused. Thread-safe.
 */
final class MobilePublisher {

    static final String SMS = "sms";
    static final String APPLICATION = "application";

    private final PlatformEndpoints endpoints;
    private final PhoneNumbers phones;
    private final Outboxes outboxes;
    private final Clock clock;

    MobilePublisher(PlatformEndpoints endpoints, PhoneNumbers phones, Outboxes outboxes, Clock clock) {
        this.endpoints = endpoints;
        this.phones = phones;
        this.outboxes = outboxes;
        this.clock = clock;
    }

    /**
     * Delivers a topic's message to its confirmed {@code sms} and {@code application} subscriptions that the message
     * passes the filter of, returning once what they received is durable. Each is counted in the topic's figures:
     * delivered once in its outbox, failed for an opted-out number or an endpoint that is disabled or gone (chosen: AWS's
     * delivery status logs report these as failures).
     */
    void deliver(SnsRecords.Published published, List<Subscription> subscriptions, TopicCounts counts) {
        String accountId = dev.wharf.common.Arn.parse(published.topicArn()).accountId();
        List<Outboxes.Stored> sms = new ArrayList<>();
        List<Outboxes.Stored> push = new ArrayList<>();
        int undeliverable = 0;
        for (Subscription subscription : subscriptions) {
            boolean mobile = subscription.protocol().equals(SMS)
                    || subscription.protocol().equals(APPLICATION);
            if (!mobile || !subscription.confirmed() || !Publisher.matches(subscription, published, counts)) {
                continue;
            }
            if (subscription.protocol().equals(SMS)) {
                if (!phones.optedOut(accountId, subscription.endpoint())) {
                    sms.add(stored(accountId, subscription, published, QueueNotifications.messageFor(published, SMS)));
                } else {
                    undeliverable++;
                }
                continue;
            }
            PlatformEndpoints.Located located =
                    MobileArns.isEndpoint(subscription.endpoint()) ? endpoints.find(subscription.endpoint()) : null;
            if (located != null && located.endpoint().enabled() && enabled(located.application())) {
                String platform = located.application().platform.name();
                push.add(
                        stored(accountId, subscription, published, QueueNotifications.messageFor(published, platform)));
            } else {
                undeliverable++;
            }
        }
        outboxes.add(Outboxes.Kind.SMS, sms);
        outboxes.add(Outboxes.Kind.PUSH, push);
        if (!sms.isEmpty() || !push.isEmpty()) {
            counts.delivered.add(sms.size() + push.size());
        }
        if (undeliverable > 0) {
            counts.failed.add(undeliverable);
        }
    }

    private Outboxes.Stored stored(
            String accountId, Subscription subscription, SnsRecords.Published published, String message) {
        return new Outboxes.Stored(
                accountId,
                subscription.endpoint(),
                published.topicArn(),
                subscription.arn(),
                published.messageId(),
                message,
                new LinkedHashMap<>(published.attributes()),
                published.structured() ? MessageStructure.JSON : null,
                published.subject(),
                published.timestampMillis());
    }

    /** A Publish with a PhoneNumber: one SMS, or none when the number has opted out. */
    PublishResponse publishToPhone(SnsContext context, PublishRequest request) {
        String body = PublishRules.message(request.message());
        String subject = PublishRules.subject(request.subject());
        String number = PhoneNumbers.forPublish(Objects.requireNonNull(request.phoneNumber()));
        boolean structured = structured(request.messageStructure());
        String message = structured ? MessageStructure.parseJson(body).messageFor(SMS) : body;
        Map<String, MessageAttributeValue> attributes = checked(request, body, subject);
        if (message.length() > SnsLimits.SMS_MESSAGE_LENGTH_MAX) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Message too long");
        }
        String messageId = UUID.randomUUID().toString();
        if (!phones.optedOut(context.accountId(), number)) {
            outboxes.add(
                    Outboxes.Kind.SMS,
                    List.of(direct(context, number, messageId, message, attributes, structured, subject)));
        }
        return new PublishResponse(messageId, null);
    }

    /** A Publish with the TargetArn of a platform endpoint: one push notification. */
    PublishResponse publishToEndpoint(SnsContext context, PublishRequest request) {
        String body = PublishRules.message(request.message());
        String subject = PublishRules.subject(request.subject());
        boolean structured = structured(request.messageStructure());
        Map<String, MessageAttributeValue> attributes = checked(request, body, subject);
        String arn = Objects.requireNonNull(request.targetArn());
        PlatformEndpoints.Located located = wellFormed(arn) ? endpoints.find(arn) : null;
        if (located == null || !located.application().accountId.equals(context.accountId())) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
        }
        String platform = located.application().platform.name();
        // To one endpoint, a structured message needs no default when it has the platform's own entry.
        String message = structured ? MessageStructure.platformMessage(body, platform) : body;
        if (!located.endpoint().enabled()) {
            throw SnsError.EndpointDisabled.with("Endpoint is disabled");
        }
        if (!enabled(located.application())) {
            throw SnsError.PlatformApplicationDisabled.with("Platform application is disabled");
        }
        String messageId = UUID.randomUUID().toString();
        outboxes.add(
                Outboxes.Kind.PUSH, List.of(direct(context, arn, messageId, message, attributes, structured, subject)));
        return new PublishResponse(messageId, null);
    }

    private static boolean structured(@Nullable String messageStructure) {
        if (messageStructure == null) {
            return false;
        }
        if (!MessageStructure.JSON.equals(messageStructure)) {
            throw SnsError.InvalidParameter.with("Invalid parameter: MessageStructure");
        }
        return true;
    }

    /** The checks that every Publish makes: attributes, the 256 KiB bound, and no FIFO ids off FIFO topics. */
    private static Map<String, MessageAttributeValue> checked(
            PublishRequest request, String body, @Nullable String subject) {
        Map<String, MessageAttributeValue> attributes = PublishRules.attributes(request.messageAttributes());
        PublishRules.requireSize(PublishRules.size(body, subject, attributes));
        PublishRules.fifoIds(false, false, request.messageGroupId(), request.messageDeduplicationId());
        return attributes;
    }

    private Outboxes.Stored direct(
            SnsContext context,
            String target,
            String messageId,
            String message,
            Map<String, MessageAttributeValue> attributes,
            boolean structured,
            @Nullable String subject) {
        return new Outboxes.Stored(
                context.accountId(),
                target,
                null,
                null,
                messageId,
                message,
                new LinkedHashMap<>(attributes),
                structured ? MessageStructure.JSON : null,
                subject,
                clock.millis());
    }

    private static boolean wellFormed(String arn) {
        try {
            MobileArns.checkEndpoint("TargetArn", arn);
            return true;
        } catch (dev.wharf.common.AwsException e) {
            return false;
        }
    }

    private static boolean enabled(PlatformApplication application) {
        application.lock.lock();
        try {
            return application.enabled();
        } finally {
            application.lock.unlock();
        }
    }
}

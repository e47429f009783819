package dev.wharf.sns.engine;

import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.sns.engine.filter.FilterPolicy;
import dev.wharf.storage.TopicBatch;
import dev.wharf.storage.TopicStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Subscribes endpoints to topics, confirms and removes subscriptions, and keeps their attributes, durably in the
 * {@link TopicStore} before each call answers.
 *
 * <p>Thread-safe: each change happens under its topic's lock and replaces the topic's subscription list whole.
 */
final class Subscriptions {

    private static final int TOKEN_BYTES = 64;
    /**
     * How long an unsubscribed HTTP/S subscription can be restored by the SubscribeURL of its UnsubscribeConfirmation:
     * AWS's confirmation tokens "are valid for three days".
     */
    static final Duration TOKEN_VALIDITY = Duration.ofDays(3);

    private final Topics topics;
    private final TopicStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Subscriptions(Topics topics, TopicStore store, Clock clock) {
        this.topics = topics;
        this.store = store;
        this.clock = clock;
    }

    /** The result of Subscribe: the subscription, and whether it is new (a confirmation request is then due). */
    record Subscribed(Subscription subscription, boolean created) {}

    Subscribed subscribe(
            SnsContext context,
            @Nullable String topicArn,
            @Nullable String protocolName,
            @Nullable String endpointText,
            Map<String, String> attributes) {
        Topic topic = topics.require(context, topicArn);
        SubscriptionProtocol protocol = SubscriptionProtocol.of(protocolName);
        String endpoint = protocol.checkEndpoint(endpointText);
        if (topic.fifo && protocol != SubscriptionProtocol.SQS && protocol != SubscriptionProtocol.FIREHOSE) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Invalid protocol type: " + protocol.wireName());
        }
        if (!topic.fifo && protocol == SubscriptionProtocol.SQS && endpoint.endsWith(".fifo")) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to"
                            + " standard SNS topics");
        }
        Map<String, String> checked = SubscriptionAttributes.checkAtSubscribe(attributes, protocol);
        if (protocol == SubscriptionProtocol.FIREHOSE && !checked.containsKey("SubscriptionRoleArn")) {
            // AWS: "Specifying a valid ARN for this attribute is required for Firehose delivery stream subscriptions."
            throw SnsError.InvalidParameter.with("Invalid parameter: SubscriptionRoleArn");
        }
        var filter = SubscriptionAttributes.filterOf(checked, FilterPolicy.Operation.Subscribe);
        topic.lock.lock();
        try {
            for (Subscription existing : topic.subscriptions) {
                if (existing.protocol().equals(protocol.wireName())
                        && existing.endpoint().equals(endpoint)) {
                    if (!checked.isEmpty() && !checked.equals(existing.attributes())) {
                        throw SnsError.InvalidParameter.with("Invalid parameter: Attributes Reason: Subscription"
                                + " already exists with different attributes");
                    }
                    return new Subscribed(existing, false);
                }
            }
            int max = topic.fifo ? SnsLimits.FIFO_SUBSCRIPTIONS_PER_TOPIC_MAX : SnsLimits.SUBSCRIPTIONS_PER_TOPIC_MAX;
            if (topic.subscriptions.size() >= max) {
                throw SnsError.SubscriptionLimitExceeded.with("Subscription limit exceeded");
            }
            boolean confirmed = !protocol.needsConfirmation();
            Subscription subscription = new Subscription(
                    topic.arn + ":" + UUID.randomUUID(),
                    topic.arn,
                    context.accountId(),
                    protocol.wireName(),
                    endpoint,
                    Map.copyOf(checked),
                    filter,
                    confirmed,
                    false,
                    token());
            write(topic, subscription);
            List<Subscription> next = new ArrayList<>(topic.subscriptions);
            next.add(subscription);
            topic.subscriptions = List.copyOf(next);
            return new Subscribed(subscription, true);
        } finally {
            topic.lock.unlock();
        }
    }

    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    Subscription confirm(
            SnsContext context, @Nullable String topicArn, @Nullable String token, boolean authenticateOnUnsubscribe) {
        if (token == null || token.isEmpty()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Token");
        }
        Topic topic = topics.require(context, topicArn);
        topic.lock.lock();
        try {
            Subscription pending = only(topic, s -> s.token().equals(token));
            if (pending == null) {
                return restore(context, topic, token, authenticateOnUnsubscribe);
            }
            if (pending.confirmed()) {
                return pending;
            }
            Subscription confirmed = pending.confirmedBy(authenticateOnUnsubscribe && !context.anonymous());
            write(topic, confirmed);
            replace(topic, confirmed);
            return confirmed;
        } finally {
            topic.lock.unlock();
        }
    }

    /**
     * Restores an HTTP/S subscription that was unsubscribed less than {@link #TOKEN_VALIDITY} ago, as the SubscribeURL
     * of its UnsubscribeConfirmation does; it comes back confirmed, under its own ARN. Lock must be held.
     */
    private Subscription restore(SnsContext context, Topic topic, String token, boolean authenticateOnUnsubscribe) {
        String key = SnsRecords.unsubscribedKey(topic.arn, token);
        byte[] value = store.read(key);
        if (value == null) {
            throw SnsError.InvalidParameter.with("Invalid token");
        }
        SnsRecords.Unsubscribed unsubscribed = SnsRecords.decode(value, SnsRecords.Unsubscribed.class);
        if (clock.millis() - unsubscribed.unsubscribedMillis() > TOKEN_VALIDITY.toMillis()) {
            store.commit(new TopicBatch().delete(key));
            throw SnsError.InvalidParameter.with("Invalid token");
        }
        SnsRecords.SubscriptionRecord record = unsubscribed.subscription();
        Subscription same = only(
                topic,
                s -> s.protocol().equals(record.protocol()) && s.endpoint().equals(record.endpoint()));
        if (same != null) {
            store.commit(new TopicBatch().delete(key));
            return same;
        }
        if (topic.subscriptions.size() >= SnsLimits.SUBSCRIPTIONS_PER_TOPIC_MAX) {
            throw SnsError.SubscriptionLimitExceeded.with("Subscription limit exceeded");
        }
        Subscription restored = new Subscription(
                record.arn(),
                record.topicArn(),
                record.owner(),
                record.protocol(),
                record.endpoint(),
                Map.copyOf(record.attributes()),
                SubscriptionAttributes.filterOf(record.attributes(), FilterPolicy.Operation.Subscribe),
                true,
                authenticateOnUnsubscribe && !context.anonymous(),
                record.token());
        if (topic.deleted) {
            throw SnsError.NotFound.with("Topic does not exist");
        }
        store.commit(new TopicBatch()
                .put(SnsRecords.subscriptionKey(restored.arn()), SnsRecords.encode(restored.record()))
                .delete(key));
        List<Subscription> next = new ArrayList<>(topic.subscriptions);
        next.add(restored);
        topic.subscriptions = List.copyOf(next);
        return restored;
    }

    /** Deletes the restorable records of unsubscribed subscriptions whose tokens have expired; at start. */
    void pruneUnsubscribed() {
        long now = clock.millis();
        TopicBatch expired = new TopicBatch();
        store.scan(SnsRecords.UNSUBSCRIBED_PREFIX, (key, value) -> {
            SnsRecords.Unsubscribed unsubscribed = SnsRecords.decode(value, SnsRecords.Unsubscribed.class);
            if (now - unsubscribed.unsubscribedMillis() > TOKEN_VALIDITY.toMillis()) {
                expired.delete(key);
            }
        });
        store.commit(expired);
    }

    /**
     * Unsubscribes; a subscription that does not exist (any more) is a success, as on AWS. A confirmed HTTP/S
     * subscription stays restorable by its token for {@link #TOKEN_VALIDITY}.
     *
     * @return the subscription that was removed, or null when there was none
     */
    @Nullable
    Subscription unsubscribe(SnsContext context, @Nullable String subscriptionArn) {
        Topic topic = topicOf(subscriptionArn);
        if (topic == null) {
            return null;
        }
        topic.lock.lock();
        try {
            Subscription subscription = only(topic, s -> s.arn().equals(subscriptionArn));
            if (subscription == null) {
                return null;
            }
            if (context.anonymous() && subscription.authenticated()) {
                throw SnsError.AuthorizationError.with("Unsubscribe requires authentication for this subscription");
            }
            if (!context.anonymous()
                    && !subscription.owner().equals(context.accountId())
                    && !topic.accountId.equals(context.accountId())) {
                throw SnsError.AuthorizationError.with("Not authorized to unsubscribe " + subscription.arn());
            }
            topic.subscriptionsDeleted++;
            TopicBatch batch = new TopicBatch()
                    .delete(SnsRecords.subscriptionKey(subscription.arn()))
                    .delete(SnsRecords.replayKey(subscription.arn()))
                    .put(SnsRecords.topicKey(topic.arn), SnsRecords.encode(topic.record()));
            if (subscription.confirmed() && subscription.protocol().startsWith("http")) {
                batch.put(
                        SnsRecords.unsubscribedKey(topic.arn, subscription.token()),
                        SnsRecords.encode(new SnsRecords.Unsubscribed(subscription.record(), clock.millis())));
            }
            try {
                store.commit(batch);
            } catch (RuntimeException e) {
                topic.subscriptionsDeleted--;
                throw e;
            }
            List<Subscription> next = new ArrayList<>(topic.subscriptions);
            next.remove(subscription);
            topic.subscriptions = List.copyOf(next);
            return subscription;
        } finally {
            topic.lock.unlock();
        }
    }

    /** The subscription that an ARN names, if the caller's account owns it or its topic. */
    Subscription require(SnsContext context, @Nullable String subscriptionArn) {
        checkArn(subscriptionArn);
        Topic topic = topicOf(subscriptionArn);
        Subscription subscription =
                topic == null ? null : only(topic, s -> s.arn().equals(subscriptionArn));
        if (topic == null
                || subscription == null
                || (!subscription.owner().equals(context.accountId())
                        && !topic.accountId.equals(context.accountId()))) {
            throw SnsError.NotFound.with("Subscription does not exist");
        }
        return subscription;
    }

    void setAttribute(
            SnsContext context, @Nullable String subscriptionArn, @Nullable String name, @Nullable String value) {
        Subscription current = require(context, subscriptionArn);
        Topic topic = Objects.requireNonNull(topics.find(current.topicArn()));
        Map<String, String> next = SubscriptionAttributes.with(
                current.attributes(), name, value, SubscriptionProtocol.of(current.protocol()));
        var filter = SubscriptionAttributes.filterOf(next, FilterPolicy.Operation.SetSubscriptionAttributes);
        topic.lock.lock();
        try {
            Subscription latest = only(topic, s -> s.arn().equals(current.arn()));
            if (latest == null) {
                throw SnsError.NotFound.with("Subscription does not exist");
            }
            Subscription changed = latest.withAttributes(next, filter);
            write(topic, changed);
            replace(topic, changed);
        } finally {
            topic.lock.unlock();
        }
    }

    /** One page of the subscriptions that a predicate picks, over every topic or one, in ARN order. */
    Page<Subscription> list(Iterable<Topic> over, Predicate<Subscription> picked, @Nullable String nextToken) {
        String after = Page.after(nextToken);
        List<Subscription> page = new ArrayList<>();
        for (Topic topic : over) {
            if (after != null && (topic.arn + ":").compareTo(after) < 0 && !after.startsWith(topic.arn + ":")) {
                continue;
            }
            List<Subscription> sorted = new ArrayList<>(topic.subscriptions);
            sorted.sort(java.util.Comparator.comparing(Subscription::arn));
            for (Subscription subscription : sorted) {
                if ((after != null && subscription.arn().compareTo(after) <= 0) || !picked.test(subscription)) {
                    continue;
                }
                if (page.size() == SnsLimits.LIST_PAGE_SIZE) {
                    return new Page<>(page, Page.token(page.getLast().arn()));
                }
                page.add(subscription);
            }
        }
        return new Page<>(page, null);
    }

    private @Nullable Topic topicOf(@Nullable String subscriptionArn) {
        if (subscriptionArn == null) {
            return null;
        }
        int colon = subscriptionArn.lastIndexOf(':');
        return colon < 0 ? null : topics.find(subscriptionArn.substring(0, colon));
    }

    private static void checkArn(@Nullable String arn) {
        if (arn == null || arn.split(":", -1).length < 6) {
            int elements = arn == null ? 0 : arn.split(":", -1).length;
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not " + elements);
        }
    }

    private static @Nullable Subscription only(Topic topic, Predicate<Subscription> test) {
        for (Subscription subscription : topic.subscriptions) {
            if (test.test(subscription)) {
                return subscription;
            }
        }
        return null;
    }

    /** Lock must be held. */
    private void write(Topic topic, Subscription subscription) {
        if (topic.deleted) {
            throw SnsError.NotFound.with("Topic does not exist");
        }
        store.commit(new TopicBatch()
                .put(SnsRecords.subscriptionKey(subscription.arn()), SnsRecords.encode(subscription.record())));
    }

    /** Lock must be held. */
    private static void replace(Topic topic, Subscription changed) {
        List<Subscription> next = new ArrayList<>(topic.subscriptions.size());
        for (Subscription subscription : topic.subscriptions) {
            next.add(subscription.arn().equals(changed.arn()) ? changed : subscription);
        }
        topic.subscriptions = List.copyOf(next);
    }
}

package dev.wharf.sns.engine;

import dev.wharf.common.Arn;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.sns.api.Tag;
import dev.wharf.sns.api.TopicAttributeName;
import dev.wharf.storage.TopicBatch;
import dev.wharf.storage.TopicStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Every topic of the server, by ARN: creation, deletion, attributes and tags, made durable in the {@link TopicStore}
 * before each call answers.
 *
 * <p>Thread-safe: the map is concurrent, and each topic's state is guarded by its own lock.
 */
final class Topics {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");

    private final TopicStore store;
    private final String region;
    /** Sorted by ARN, so that ListTopics pages through them in a stable order. */
    private final ConcurrentSkipListMap<String, Topic> byArn = new ConcurrentSkipListMap<>();

    Topics(TopicStore store, String region) {
        this.store = store;
        this.region = region;
    }

    String region() {
        return region;
    }

    /** Puts a topic that the store held at start. */
    void restore(Topic topic) {
        byArn.put(topic.arn, topic);
    }

    String arnOf(String accountId, String name) {
        return Arn.of("sns", region, accountId, name).toString();
    }

    /**
     * The topic that an ARN names, if the caller may see it: AWS answers NotFound for a topic of another account as
     * for one that does not exist, until topic policies are evaluated.
     */
    Topic require(SnsContext context, @Nullable String topicArn) {
        Topic topic = topicArn == null ? null : byArn.get(topicArn);
        if (topic == null || (!context.anonymous() && !topic.accountId.equals(context.accountId()))) {
            throw SnsError.NotFound.with("Topic does not exist");
        }
        return topic;
    }

    @Nullable
    Topic find(String topicArn) {
        return byArn.get(topicArn);
    }

    /** The subscription that an ARN names, whoever owns it, or null when there is none (any more). */
    @Nullable
    Subscription subscription(String subscriptionArn) {
        int colon = subscriptionArn.lastIndexOf(':');
        Topic topic = colon < 0 ? null : byArn.get(subscriptionArn.substring(0, colon));
        if (topic == null) {
            return null;
        }
        for (Subscription subscription : topic.subscriptions) {
            if (subscription.arn().equals(subscriptionArn)) {
                return subscription;
            }
        }
        return null;
    }

    Topic create(SnsContext context, @Nullable String requestedName, Map<String, String> attributes, List<Tag> tags) {
        String name = checkName(requestedName, attributes);
        boolean fifo = name.endsWith(".fifo");
        String arn = arnOf(context.accountId(), name);
        Map<String, String> settable = TopicAttributes.checkAtCreation(attributes, fifo);
        Map<String, String> tagMap = Tags.check(tags);
        while (true) {
            Topic existing = byArn.get(arn);
            if (existing != null) {
                return existingOrConflict(existing, settable, tagMap);
            }
            requireQuota(context.accountId(), fifo);
            Topic topic = new Topic(arn, name, context.accountId(), fifo);
            topic.attributes.putAll(settable);
            topic.tags.putAll(tagMap);
            topic.lock.lock();
            try {
                if (byArn.putIfAbsent(arn, topic) != null) {
                    continue;
                }
                try {
                    store.commit(new TopicBatch().put(SnsRecords.topicKey(arn), SnsRecords.encode(topic.record())));
                } catch (RuntimeException e) {
                    byArn.remove(arn, topic);
                    topic.deleted = true;
                    throw e;
                }
                return topic;
            } finally {
                topic.lock.unlock();
            }
        }
    }

    /** CreateTopic is idempotent, but not when the request contradicts the topic: AWS compares what it names. */
    private static Topic existingOrConflict(Topic existing, Map<String, String> attributes, Map<String, String> tags) {
        existing.lock.lock();
        try {
            Map<String, String> current = TopicAttributes.all(existing);
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                if (!attribute.getValue().equals(current.get(attribute.getKey()))) {
                    throw SnsError.InvalidParameter.with(
                            "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
                }
            }
            if (!tags.isEmpty() && !tags.equals(existing.tags)) {
                throw SnsError.InvalidParameter.with(
                        "Invalid parameter: Tags Reason: Topic already exists with different tags");
            }
            return existing;
        } finally {
            existing.lock.unlock();
        }
    }

    /** The topic's name after checking it: a FIFO topic's ends with {@code .fifo}, a standard one's never does. */
    private static String checkName(@Nullable String name, Map<String, String> attributes) {
        if (name == null) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Topic Name");
        }
        boolean fifo = "true".equalsIgnoreCase(attributes.get(TopicAttributeName.FifoTopic.name()));
        if (fifo && !FIFO_NAME.matcher(name).matches()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Fifo Topic names must end with .fifo and must be"
                    + " made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and"
                    + " must be between 1 and 256 characters long.");
        }
        if (!fifo && !NAME.matcher(name).matches()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Topic Name");
        }
        return name;
    }

    private void requireQuota(String accountId, boolean fifo) {
        long count = byArn.values().stream()
                .filter(topic -> topic.accountId.equals(accountId) && topic.fifo == fifo)
                .limit(SnsLimits.TOPICS_MAX + 1L)
                .count();
        if (count >= (fifo ? SnsLimits.FIFO_TOPICS_MAX : SnsLimits.TOPICS_MAX)) {
            throw SnsError.TopicLimitExceeded.with("Topic limit exceeded");
        }
    }

    /**
     * Deletes a topic and its subscriptions; deleting one that does not exist succeeds, as on AWS.
     *
     * @return the topic this call deleted, or null when it deleted none
     */
    @Nullable
    Topic delete(SnsContext context, @Nullable String topicArn) {
        Topic topic = topicArn == null ? null : byArn.get(topicArn);
        if (topic == null || !topic.accountId.equals(context.accountId())) {
            return null;
        }
        topic.lock.lock();
        try {
            if (topic.deleted) {
                return null;
            }
            store.commit(new TopicBatch()
                    .delete(SnsRecords.topicKey(topic.arn))
                    .deletePrefix(SnsRecords.subscriptionKey(topic.arn + ":"))
                    .deletePrefix(SnsRecords.unsubscribedKey(topic.arn, ""))
                    .deletePrefix(SnsRecords.replayKey(topic.arn + ":")));
            topic.deleted = true;
            topic.subscriptions = List.of();
            byArn.remove(topic.arn, topic);
            return topic;
        } finally {
            topic.lock.unlock();
        }
    }

    /** Lock must be held: makes the topic's record durable after a change. */
    void persist(Topic topic) {
        if (topic.deleted) {
            throw SnsError.NotFound.with("Topic does not exist");
        }
        store.commit(new TopicBatch().put(SnsRecords.topicKey(topic.arn), SnsRecords.encode(topic.record())));
    }

    /** One page of the caller's topics, after the ARN that the token names. */
    Page<String> list(SnsContext context, @Nullable String nextToken) {
        String after = Page.after(nextToken);
        List<String> arns = new ArrayList<>();
        for (Topic topic : (after == null ? byArn : byArn.tailMap(after, false)).values()) {
            if (!topic.accountId.equals(context.accountId())) {
                continue;
            }
            if (arns.size() == SnsLimits.LIST_PAGE_SIZE) {
                return new Page<>(arns, Page.token(arns.getLast()));
            }
            arns.add(topic.arn);
        }
        return new Page<>(arns, null);
    }

    /** Every topic, for scans such as ListSubscriptions. */
    Iterable<Topic> all() {
        return byArn.values();
    }

    Map<String, String> tagsOf(Topic topic) {
        topic.lock.lock();
        try {
            return new LinkedHashMap<>(topic.tags);
        } finally {
            topic.lock.unlock();
        }
    }
}

package dev.wharf.sns.engine;

import dev.wharf.common.AwsException;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.sns.api.TopicAttributeName;
import dev.wharf.sns.engine.filter.FilterPolicy;
import dev.wharf.sns.engine.message.MessageStructure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Accepts published messages: checks them, matches them against each subscription's filter, delivers to the subscribed
 * queues, and writes the message with its other deliveries (to endpoints outside the server, and to queues that must be
 * retried) to the outbox for {@link Deliveries}. A publish is answered only once each queue's copy and the outbox record
 * are durable, so every matching subscription gets the message at least once whatever happens next.
 *
 * <p>Thread-safe. A FIFO topic's publishes run one at a time under the topic's lock, deliveries included, so that its
 * sequence numbers and the order into each queue are the order of the publishes.
 */
final class Publisher {

    /**
     * A message as the publisher sent it, checked, with the topic's SignatureVersion when it was checked.
     *
     * @param sizeBytes the size that counts against the 256 KiB limit, which {@code PublishSize} samples
     */
    record Outgoing(
            @Nullable String subject,
            String message,
            @Nullable MessageStructure structure,
            Map<String, MessageAttributeValue> attributes,
            @Nullable String messageGroupId,
            @Nullable String messageDeduplicationId,
            String signatureVersion,
            long sizeBytes) {}

    /** What a publish answers. */
    record Accepted(String messageId, @Nullable String sequenceNumber) {}

    private final Outbox outbox;
    private final Deliveries deliveries;
    private final Clock clock;
    private final FifoDeduplication deduplication;
    private final MobilePublisher mobile;
    private final Archives archives;

    Publisher(Outbox outbox, Deliveries deliveries, Clock clock, MobilePublisher mobile, Archives archives) {
        this.outbox = outbox;
        this.archives = archives;
        this.deliveries = deliveries;
        this.mobile = mobile;
        this.clock = clock;
        this.deduplication = new FifoDeduplication(clock);
    }

    /** Checks one message of a Publish or a PublishBatch entry against the topic's rules. */
    static Outgoing check(
            Topic topic,
            @Nullable String subject,
            @Nullable String message,
            @Nullable String messageStructure,
            @Nullable Map<String, MessageAttributeValue> attributes,
            @Nullable String groupId,
            @Nullable String dedupId) {
        String body = PublishRules.message(message);
        String checkedSubject = PublishRules.subject(subject);
        MessageStructure structure = null;
        if (messageStructure != null) {
            if (!MessageStructure.JSON.equals(messageStructure)) {
                throw SnsError.InvalidParameter.with("Invalid parameter: MessageStructure");
            }
            structure = MessageStructure.parseJson(body);
        }
        Map<String, MessageAttributeValue> checked = PublishRules.attributes(attributes);
        long size = PublishRules.size(body, checkedSubject, checked);
        PublishRules.requireSize(size);
        boolean contentBased;
        String signatureVersion;
        topic.lock.lock();
        try {
            contentBased = "true".equals(topic.attributes.get(TopicAttributeName.ContentBasedDeduplication.name()));
            signatureVersion = topic.attributes.getOrDefault(TopicAttributeName.SignatureVersion.name(), "1");
        } finally {
            topic.lock.unlock();
        }
        PublishRules.fifoIds(topic.fifo, contentBased, groupId, dedupId);
        String dedup = topic.fifo && dedupId == null ? FifoDeduplication.contentId(body) : dedupId;
        return new Outgoing(checkedSubject, body, structure, checked, groupId, dedup, signatureVersion, size);
    }

    Accepted publish(Topic topic, Outgoing outgoing, String endpoint) {
        if (!topic.fifo) {
            return accept(topic, outgoing, endpoint, null);
        }
        topic.lock.lock();
        try {
            FifoDeduplication.Seen seen = deduplication.seen(topic, outgoing);
            if (seen != null) {
                return new Accepted(seen.messageId(), seen.sequenceNumber());
            }
            topic.lastSequenceNumber++;
            String sequenceNumber = String.format(java.util.Locale.ROOT, "%020d", topic.lastSequenceNumber);
            Accepted accepted = accept(topic, outgoing, endpoint, sequenceNumber);
            deduplication.remember(topic, outgoing, accepted.messageId(), sequenceNumber);
            return accepted;
        } finally {
            topic.lock.unlock();
        }
    }

    /** Publishes a message that is not a duplicate, and counts it once it is accepted. */
    private Accepted accept(Topic topic, Outgoing outgoing, String endpoint, @Nullable String sequenceNumber) {
        Accepted accepted = deliver(topic, outgoing, endpoint, sequenceNumber);
        // The lock that a FIFO publish holds already, and a standard one took to check the message.
        topic.lock.lock();
        try {
            topic.counts.onPublished(outgoing.sizeBytes());
        } finally {
            topic.lock.unlock();
        }
        return accepted;
    }

    private Accepted deliver(Topic topic, Outgoing outgoing, String endpoint, @Nullable String sequenceNumber) {
        String messageId = UUID.randomUUID().toString();
        long now = clock.millis();
        SnsRecords.Published published = new SnsRecords.Published(
                messageId,
                topic.arn,
                outgoing.subject(),
                outgoing.message(),
                outgoing.structure() != null,
                new LinkedHashMap<>(outgoing.attributes()),
                now,
                outgoing.messageGroupId(),
                outgoing.messageDeduplicationId(),
                sequenceNumber,
                endpoint,
                outgoing.signatureVersion());
        // Encoded only when the archive or the outbox keeps it: a publish to queues alone needs no stored copy.
        byte[] payload = topic.fifo && topic.archiveRetentionDays > 0 ? SnsRecords.encode(published) : null;
        // A FIFO topic's publish holds its lock: the archive gets its messages in their order. The queues' and the
        // outbox's commits, submitted after it, are durable only once the archive's is, so Publish waits no longer.
        dev.wharf.storage.PendingCommit archived =
                payload != null ? archives.append(topic, published, payload) : dev.wharf.storage.PendingCommit.DONE;
        // SMS and push land in their outboxes at once, durably, before Publish answers.
        mobile.deliver(published, topic.subscriptions, topic.counts);
        List<Subscription> targets = new ArrayList<>();
        for (Subscription subscription : topic.subscriptions) {
            if (subscription.confirmed()
                    && deliveries.delivers(subscription)
                    && matches(subscription, published, topic.counts)) {
                targets.add(subscription);
            }
        }
        if (targets.isEmpty()) {
            archived.await();
            return new Accepted(messageId, sequenceNumber);
        }
        // SQS deliveries are made now, each durable in its queue before Publish answers; only those that must be
        // retried, and the deliveries to endpoints outside the server, go through the outbox.
        List<Subscription> later = deliveries.deliverToQueues(published, targets, topic.counts);
        if (later.isEmpty()) {
            // Commits apply in the order of their submits: the queues' being durable made the archive's durable.
            archived.await();
            return new Accepted(messageId, sequenceNumber);
        }
        List<SnsRecords.Pending> pending = new ArrayList<>(later.size());
        for (Subscription target : later) {
            pending.add(SnsRecords.Pending.notification(target.arn(), now));
        }
        long sequence = outbox.put(payload != null ? payload : SnsRecords.encode(published), pending);
        archived.await();
        deliveries.start(sequence, published, later);
        return new Accepted(messageId, sequenceNumber);
    }

    /** Whether the subscription's filter lets the message through; a message without attributes passes no filter. */
    static boolean matches(Subscription subscription, SnsRecords.Published published) {
        return matches(subscription, published, null);
    }

    /** {@link #matches(Subscription, SnsRecords.Published)}, counting a rejection in the topic's figures. */
    static boolean matches(Subscription subscription, SnsRecords.Published published, @Nullable TopicCounts counts) {
        FilterPolicy filter = subscription.filter();
        if (filter == null) {
            return true;
        }
        FilterPolicy.Outcome outcome;
        try {
            outcome = filter.outcome(published.message(), published.attributes());
        } catch (AwsException | IllegalArgumentException e) {
            outcome = filter.scope() == FilterPolicy.Scope.MessageBody
                    ? FilterPolicy.Outcome.BODY_NOT_MATCHED
                    : FilterPolicy.Outcome.ATTRIBUTES_NOT_MATCHED;
        }
        if (counts != null) {
            counts.onFiltered(outcome);
        }
        return outcome == FilterPolicy.Outcome.MATCHED;
    }

    static void requireBatchSize(long total) {
        if (total > SnsLimits.BATCH_BYTES_MAX) {
            throw SnsError.BatchRequestTooLong.with(
                    "The length of all the messages put together is more than the" + " limit.");
        }
    }
}

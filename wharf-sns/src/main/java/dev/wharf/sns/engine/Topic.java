package dev.wharf.sns.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One topic's state: its settable attributes, tags and subscriptions, guarded by {@link #lock}.
 *
 * <p>Publishers read {@link #subscriptions} without the lock: it is replaced whole (copy on write) under the lock, so a
 * publish sees one consistent set of subscriptions.
 */
final class Topic {

    final String arn;
    final String name;
    final String accountId;
    final boolean fifo;
    final ReentrantLock lock = new ReentrantLock();
    /** Its CloudWatch figures since the last snapshot; thread-safe as {@link TopicCounts} says. */
    final TopicCounts counts = new TopicCounts();

    /** Lock must be held: the attributes that a caller set, by AWS's names. */
    final Map<String, String> attributes = new LinkedHashMap<>();
    /** Lock must be held: tags in the order they were added. */
    final Map<String, String> tags = new LinkedHashMap<>();
    /** Replaced whole under the lock; read without it. */
    volatile List<Subscription> subscriptions = List.of();
    /** Lock must be held: how many subscriptions were deleted, as SubscriptionsDeleted counts them. */
    long subscriptionsDeleted;
    /** Lock must be held: set once the topic is deleted, so that a racing call does not revive it. */
    boolean deleted;
    /** Lock must be held: the last sequence number that a FIFO topic gave a message. */
    long lastSequenceNumber;
    /** Lock must be held: the days its ArchivePolicy keeps messages, 0 when archiving is off. */
    int archiveRetentionDays;
    /** Lock must be held: when archiving was last turned on, in epoch milliseconds; 0 when it is off. */
    long archiveBeganMillis;
    /** Lock must be held: the archive time of the newest archived message, which the next one may not go below. */
    long lastArchivedMillis;

    Topic(String arn, String name, String accountId, boolean fifo) {
        this.arn = arn;
        this.name = name;
        this.accountId = accountId;
        this.fifo = fifo;
    }

    /** Lock must be held: the record that the store keeps. */
    SnsRecords.TopicRecord record() {
        return new SnsRecords.TopicRecord(
                arn,
                name,
                accountId,
                fifo,
                Map.copyOf(attributes),
                new LinkedHashMap<>(tags),
                subscriptionsDeleted,
                lastSequenceNumber,
                archiveBeganMillis);
    }

    static Topic of(SnsRecords.TopicRecord record) {
        Topic topic = new Topic(record.arn(), record.name(), record.accountId(), record.fifo());
        topic.attributes.putAll(record.attributes());
        topic.tags.putAll(record.tags());
        topic.subscriptionsDeleted = record.subscriptionsDeleted();
        topic.lastSequenceNumber = record.lastSequenceNumber();
        topic.archiveBeganMillis = record.archiveBeganMillis();
        return topic;
    }
}

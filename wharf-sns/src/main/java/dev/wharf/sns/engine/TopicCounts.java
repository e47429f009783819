package dev.wharf.sns.engine;

import dev.wharf.sns.api.StatisticSet;
import dev.wharf.sns.api.TopicMetrics;
import dev.wharf.sns.engine.filter.FilterPolicy;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * One topic's CloudWatch figures since its last snapshot ({@link TopicMetrics}).
 *
 * <p>The delivery counts are {@link LongAdder}s, bumped from whichever thread ends a delivery, with no lock; a snapshot
 * takes each with {@link LongAdder#sumThenReset()}, which swaps every cell, so a count lands in exactly one snapshot.
 * The published messages and their sizes form one statistic set whose four figures must agree, so they are plain
 * fields under the topic's lock, which a publish already takes.
 */
final class TopicCounts {

    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder redrivenToDlq = new LongAdder();
    final LongAdder failedToRedriveToDlq = new LongAdder();
    private final LongAdder filteredOutAttributes = new LongAdder();
    private final LongAdder filteredOutBody = new LongAdder();
    private final LongAdder noMessageAttributes = new LongAdder();
    private final LongAdder invalidMessageBody = new LongAdder();

    /** Guarded by the topic's lock: messages published, and their sizes. */
    private long published;

    private long publishedBytes;
    private long publishSizeMin = Long.MAX_VALUE;
    private long publishSizeMax;

    /** The topic's counts, or null once the topic is gone. */
    static @Nullable TopicCounts of(Topics topics, String topicArn) {
        Topic topic = topics.find(topicArn);
        return topic == null ? null : topic.counts;
    }

    /** Topic lock must be held: counts one message published, of {@code sizeBytes}. */
    void onPublished(long sizeBytes) {
        published++;
        publishedBytes += sizeBytes;
        publishSizeMin = Math.min(publishSizeMin, sizeBytes);
        publishSizeMax = Math.max(publishSizeMax, sizeBytes);
    }

    /** Counts what a subscription's filter policy made of a message; a match counts nothing. */
    void onFiltered(FilterPolicy.Outcome outcome) {
        switch (outcome) {
            case MATCHED -> {}
            case ATTRIBUTES_NOT_MATCHED -> filteredOutAttributes.increment();
            case NO_MESSAGE_ATTRIBUTES -> {
                filteredOutAttributes.increment();
                noMessageAttributes.increment();
            }
            case BODY_NOT_MATCHED -> filteredOutBody.increment();
            case INVALID_MESSAGE_BODY -> {
                filteredOutBody.increment();
                invalidMessageBody.increment();
            }
        }
    }

    /** The topic's figures since the last call, which start again from zero; null when there were none. */
    @Nullable
    TopicMetrics take(Topic topic) {
        long messages;
        long bytes;
        long min;
        long max;
        topic.lock.lock();
        try {
            messages = published;
            bytes = publishedBytes;
            min = publishSizeMin;
            max = publishSizeMax;
            published = 0;
            publishedBytes = 0;
            publishSizeMin = Long.MAX_VALUE;
            publishSizeMax = 0;
        } finally {
            topic.lock.unlock();
        }
        long byAttributes = filteredOutAttributes.sumThenReset();
        long byBody = filteredOutBody.sumThenReset();
        TopicMetrics metrics = new TopicMetrics(
                topic.accountId,
                topic.name,
                messages,
                delivered.sumThenReset(),
                failed.sumThenReset(),
                byAttributes + byBody,
                byAttributes,
                byBody,
                noMessageAttributes.sumThenReset(),
                invalidMessageBody.sumThenReset(),
                redrivenToDlq.sumThenReset(),
                failedToRedriveToDlq.sumThenReset(),
                messages == 0 ? null : new StatisticSet(messages, bytes, min, max));
        return quiet(metrics) ? null : metrics;
    }

    private static boolean quiet(TopicMetrics m) {
        return m.numberOfMessagesPublished() == 0
                && m.numberOfNotificationsDelivered() == 0
                && m.numberOfNotificationsFailed() == 0
                && m.numberOfNotificationsFilteredOut() == 0
                && m.numberOfNotificationsRedrivenToDlq() == 0
                && m.numberOfNotificationsFailedToRedriveToDlq() == 0;
    }
}

package dev.wharf.sqs.engine;

import dev.wharf.sqs.api.QueueMetrics;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts one queue's CloudWatch events (sends, receives, deletes, deduplicated sends) since its last metrics snapshot.
 *
 * <p>What is counted where the calls already hold the queue's lock (sends, deletes, deduplicated sends, and the sizes
 * of sends) is kept in plain fields guarded by that lock, so a send costs no atomic operation, and a send's count and
 * its size sample always fall into the same snapshot. Receives are counted after the lock is released, when the answer
 * is known (a message deleted meanwhile is not returned), in {@link LongAdder}s, which take no lock; a snapshot drains
 * each with {@link LongAdder#sumThenReset()}, whose swap of every cell keeps each increment in exactly one snapshot.
 */
final class QueueCounters {

    /** Lock must be held. Messages added by senders. */
    private long sent;
    /** Lock must be held. The sum of their sizes, in bytes. */
    private long sentBytes;
    /** Lock must be held. The least of their sizes; meaningless while {@link #sent} is 0. */
    private long sentBytesMin = Long.MAX_VALUE;
    /** Lock must be held. The greatest of their sizes. */
    private long sentBytesMax;
    /** Lock must be held. Successful deletions. */
    private long deleted;
    /** Lock must be held. FIFO sends accepted as duplicates. */
    private long deduplicated;

    private final LongAdder received = new LongAdder();
    private final LongAdder emptyReceives = new LongAdder();

    /** Lock must be held. Counts one message added to the queue by a sender. */
    void onSent(long size) {
        sent++;
        sentBytes += size;
        sentBytesMin = Math.min(sentBytesMin, size);
        sentBytesMax = Math.max(sentBytesMax, size);
    }

    /** Lock must be held. Counts FIFO sends accepted but not added, as duplicates. */
    void onDeduplicated(int count) {
        deduplicated += count;
    }

    /** Lock must be held. Counts successful deletions. */
    void onDeleted(int count) {
        deleted += count;
    }

    /** Counts one ReceiveMessage call that returned {@code messages} messages; needs no lock. */
    void onReceived(int messages) {
        if (messages == 0) {
            emptyReceives.increment();
        } else {
            received.add(messages);
        }
    }

    /**
     * Lock must be held. The queue's figures: the given gauges and the counts since the last call, which it resets.
     */
    QueueMetrics drain(QueueMetadata metadata, QueueMessages.Counts counts, long ageOfOldestMessageSeconds) {
        QueueMetrics.StatisticSet sizes = sent == 0
                ? QueueMetrics.StatisticSet.EMPTY
                : new QueueMetrics.StatisticSet(sent, sentBytes, sentBytesMin, sentBytesMax);
        QueueMetrics metrics = new QueueMetrics(
                metadata.accountId(),
                metadata.name(),
                metadata.fifo(),
                counts.visible(),
                counts.notVisible(),
                counts.delayed(),
                ageOfOldestMessageSeconds,
                sent,
                received.sumThenReset(),
                deleted,
                emptyReceives.sumThenReset(),
                sizes,
                deduplicated);
        sent = 0;
        sentBytes = 0;
        sentBytesMin = Long.MAX_VALUE;
        sentBytesMax = 0;
        deleted = 0;
        deduplicated = 0;
        return metrics;
    }
}

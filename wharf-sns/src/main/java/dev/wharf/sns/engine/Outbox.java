package dev.wharf.sns.engine;

import dev.wharf.storage.DeliveryBatch;
import dev.wharf.storage.DeliveryStore;
import dev.wharf.storage.PendingCommit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * SNS's side of the {@link DeliveryStore}: numbers outbox messages, writes them with their delivery records, and takes
 * each delivery out once it is done, the message with the last of its deliveries.
 *
 * <p>Thread-safe. Writes after the first one are submitted and not waited for: a crash before one is durable leaves
 * the older record, so a delivery is made again (at least once) or retried sooner, never lost.
 */
final class Outbox {

    private final DeliveryStore store;
    private final AtomicLong nextSequence;
    /** How many targets of each outbox message are not done yet; the message goes when the last one is. */
    private final Map<Long, AtomicInteger> remaining = new ConcurrentHashMap<>();

    Outbox(DeliveryStore store) {
        this.store = store;
        this.nextSequence = new AtomicLong(store.lastSequence() + 1);
    }

    /**
     * Writes a message and one delivery record per target, and returns once they are durable.
     *
     * @return the message's sequence
     */
    long put(byte[] payload, List<SnsRecords.Pending> targets) {
        long sequence = nextSequence.getAndIncrement();
        DeliveryBatch batch = new DeliveryBatch().putMessage(sequence, payload);
        for (int target = 0; target < targets.size(); target++) {
            batch.putDelivery(sequence, target, SnsRecords.encode(targets.get(target)));
        }
        remaining.put(sequence, new AtomicInteger(targets.size()));
        try {
            store.commit(batch);
        } catch (RuntimeException e) {
            remaining.remove(sequence);
            throw e;
        }
        return sequence;
    }

    /** Counts the deliveries of a message that the outbox held at start. */
    void restored(long sequence, int targets) {
        remaining.put(sequence, new AtomicInteger(targets));
    }

    byte @Nullable [] message(long sequence) {
        return store.readMessage(sequence);
    }

    /** Replaces a delivery's record after a failed attempt; not waited for. */
    void update(long sequence, int target, SnsRecords.Pending pending) {
        store.submit(new DeliveryBatch().putDelivery(sequence, target, SnsRecords.encode(pending)));
    }

    /** Takes a delivery out of the outbox, and the message with its last delivery; not waited for. */
    void done(long sequence, int target) {
        AtomicInteger left = remaining.get(sequence);
        DeliveryBatch batch = new DeliveryBatch();
        if (left != null && left.decrementAndGet() == 0) {
            remaining.remove(sequence);
            batch.deleteMessage(sequence);
        } else {
            batch.deleteDelivery(sequence, target);
        }
        // A crash before this is durable delivers the message again at the next start: at least once.
        store.submit(batch);
    }

    /**
     * Waits until every write submitted so far is durable, so that a scan started after it sees them: commits apply in
     * the order of their submits, so a no-op submitted now is durable only after all of them.
     */
    void awaitSubmitted() {
        PendingCommit barrier = store.submit(new DeliveryBatch().deleteDelivery(Long.MAX_VALUE, Integer.MAX_VALUE));
        barrier.await();
    }

    void scan(DeliveryStore.DeliveryVisitor visitor) {
        store.scanDeliveries(visitor);
    }
}

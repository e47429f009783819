package dev.wharf.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one step of SNS's delivery to a {@link DeliveryStore}, applied atomically and in order by {@link
 * DeliveryStore#commit(DeliveryBatch)}: a later op in the batch sees the effect of every earlier one.
 *
 * <p>Each op checks its sequence and target when it is made: a negative one is an {@link IllegalArgumentException}
 * there, so no store ever receives one (the durable backends order them as unsigned bytes). The batch keeps the arrays
 * it is given, not copies: they must not change once the batch is submitted.
 *
 * <p>Not thread-safe: one caller builds a batch, then commits it once.
 */
public final class DeliveryBatch {

    /** One change; the closed set that every backend applies. */
    public sealed interface Op {}

    /** Writes a message's immutable payload. */
    public record PutMessage(long sequence, byte[] payload) implements Op {
        public PutMessage {
            checkSequence(sequence);
        }
    }

    /** Creates or replaces the delivery record of one target of a message. */
    public record PutDelivery(long sequence, int target, byte[] value) implements Op {
        public PutDelivery {
            checkTarget(sequence, target);
        }
    }

    /** Deletes the delivery record of one target of a message; a missing one is a no-op. */
    public record DeleteDelivery(long sequence, int target) implements Op {
        public DeleteDelivery {
            checkTarget(sequence, target);
        }
    }

    /** Deletes a message's payload and every delivery record it still has; a missing message is a no-op. */
    public record DeleteMessage(long sequence) implements Op {
        public DeleteMessage {
            checkSequence(sequence);
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public DeliveryBatch putMessage(long sequence, byte[] payload) {
        ops.add(new PutMessage(sequence, payload));
        return this;
    }

    public DeliveryBatch putDelivery(long sequence, int target, byte[] value) {
        ops.add(new PutDelivery(sequence, target, value));
        return this;
    }

    public DeliveryBatch deleteDelivery(long sequence, int target) {
        ops.add(new DeleteDelivery(sequence, target));
        return this;
    }

    public DeliveryBatch deleteMessage(long sequence) {
        ops.add(new DeleteMessage(sequence));
        return this;
    }

    /** The ops in the order they were added. */
    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    private static void checkSequence(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequences must be non-negative: " + sequence);
        }
    }

    private static void checkTarget(long sequence, int target) {
        checkSequence(sequence);
        if (target < 0) {
            throw new IllegalArgumentException("targets must be non-negative: " + sequence + "/" + target);
        }
    }
}

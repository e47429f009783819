package dev.wharf.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one API call (or one lifecycle step) to a {@link BrokerStore}, applied atomically and in order by
 * {@link BrokerStore#commit(BrokerBatch)}: a later op in the batch sees the effect of every earlier one.
 *
 * <p>Each op checks its key when it is made, as {@link TopicBatch} checks them, so no store ever receives a bad one. The
 * batch keeps the value arrays it is given, not copies: they must not change once the batch is submitted.
 *
 * <p>Not thread-safe: one caller builds a batch, then commits it once.
 */
public final class BrokerBatch {

    /** One change; the closed set that every backend applies. */
    public sealed interface Op {}

    /** Creates or replaces the record under a key. */
    public record Put(String key, byte[] value) implements Op {
        public Put {
            TopicBatch.checkKey(key);
        }
    }

    /** Deletes the record under a key; a key without a record is a no-op. */
    public record Delete(String key) implements Op {
        public Delete {
            TopicBatch.checkKey(key);
        }
    }

    /** Deletes every record whose key starts with the prefix, which must not be empty. */
    public record DeletePrefix(String prefix) implements Op {
        public DeletePrefix {
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("a prefix to delete must not be empty");
            }
            TopicBatch.checkKey(prefix);
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public BrokerBatch put(String key, byte[] value) {
        ops.add(new Put(key, value));
        return this;
    }

    public BrokerBatch delete(String key) {
        ops.add(new Delete(key));
        return this;
    }

    public BrokerBatch deletePrefix(String prefix) {
        ops.add(new DeletePrefix(prefix));
        return this;
    }

    /** The ops in the order they were added. */
    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }
}

package dev.wharf.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one API call to a {@link TopicStore}, applied atomically and in order by {@link
 * TopicStore#commit(TopicBatch)}: a later op in the batch sees the effect of every earlier one.
 *
 * <p>Each op checks its key when it is made: a key or prefix with an unpaired surrogate, or an empty prefix to delete,
 * is an {@link IllegalArgumentException} there, so no store ever receives one. The batch keeps the value arrays it is
 * given, not copies: they must not change once the batch is submitted.
 *
 * <p>Not thread-safe: one caller builds a batch, then commits it once.
 */
public final class TopicBatch {

    /** One change; the closed set that every backend applies. */
    public sealed interface Op {}

    /** Creates or replaces the record under a key. */
    public record Put(String key, byte[] value) implements Op {
        public Put {
            checkKey(key);
        }
    }

    /** Deletes the record under a key; a key without a record is a no-op. */
    public record Delete(String key) implements Op {
        public Delete {
            checkKey(key);
        }
    }

    /**
     * Deletes every record whose key starts with the prefix, which must not be empty (a prefix of every key would
     * delete all of SNS's resources by mistake); a prefix that no key starts with is a no-op.
     */
    public record DeletePrefix(String prefix) implements Op {
        public DeletePrefix {
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("a prefix to delete must not be empty");
            }
            checkKey(prefix);
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public TopicBatch put(String key, byte[] value) {
        ops.add(new Put(key, value));
        return this;
    }

    public TopicBatch delete(String key) {
        ops.add(new Delete(key));
        return this;
    }

    public TopicBatch deletePrefix(String prefix) {
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

    /**
     * Checks that a key or prefix is well-formed UTF-16, so that its UTF-8 bytes, by which stores order keys, stand for
     * it alone: {@link String#getBytes} would turn an unpaired surrogate into {@code ?} and let two keys collide.
     *
     * @throws IllegalArgumentException if it holds an unpaired surrogate
     */
    static void checkKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(
                        "a store key must be well-formed UTF-16: an unpaired surrogate at index " + i);
            }
        }
    }
}

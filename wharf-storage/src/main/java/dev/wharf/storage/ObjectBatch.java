package dev.wharf.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The changes of one API call to an {@link ObjectStore}, applied atomically and in order by {@link
 * ObjectStore#commit}: record puts and deletes, and the blobs that become part of the store or leave it.
 *
 * <p>Each op checks its key when it is made: a key with an unpaired surrogate is an {@link IllegalArgumentException}
 * there. The batch keeps the value arrays it is given, not copies. Not thread-safe: one caller builds a batch, then
 * commits it once.
 */
public final class ObjectBatch {

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

    /** Makes a finished blob part of the store; a blob may be added once. */
    public record AddBlob(BlobId id) implements Op {}

    /** Removes a blob of the store; its bytes are freed once no open stream reads them. */
    public record DeleteBlob(BlobId id) implements Op {}

    private final List<Op> ops = new ArrayList<>();

    public ObjectBatch put(String key, byte[] value) {
        ops.add(new Put(key, value));
        return this;
    }

    public ObjectBatch delete(String key) {
        ops.add(new Delete(key));
        return this;
    }

    public ObjectBatch addBlob(BlobId id) {
        ops.add(new AddBlob(id));
        return this;
    }

    public ObjectBatch deleteBlob(BlobId id) {
        ops.add(new DeleteBlob(id));
        return this;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }
}

package dev.wharf.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps S3's records and blobs on the heap, for {@link MemoryStorageEngine} and for engine tests: records in the order
 * of their keys' UTF-8 bytes, blobs as byte arrays (tests and the memory mode hold small objects; the embedded backend
 * streams blobs to files).
 *
 * <p>Commits, reads and scans hold the engine's monitor, when it has one, or this store's, which orders the commits
 * and makes each batch atomic for readers. A blob being written lives in its writer until a committed batch adds it.
 */
public final class MemoryObjectStore implements ObjectStore {

    private final Object lock;
    private final @Nullable MemoryStorageEngine engine;
    private final NavigableMap<String, byte[]> records = new ConcurrentSkipListMap<>(MemoryTopicStore::compareUtf8);
    /** The blobs that committed batches added, by id. Lock must be held. */
    private final Map<String, byte[]> blobs = new HashMap<>();
    /** The blobs finished but not yet added, by id. Lock must be held. */
    private final Map<String, byte[]> finished = new HashMap<>();

    /** A store of its own, outside any engine, as engine tests use it. */
    public MemoryObjectStore() {
        this.engine = null;
        this.lock = this;
    }

    MemoryObjectStore(MemoryStorageEngine engine) {
        this.engine = engine;
        this.lock = engine;
    }

    private void checkOpen() {
        if (engine != null) {
            engine.checkOpen();
        }
    }

    @Override
    public void commit(ObjectBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (lock) {
            checkOpen();
            check(batch);
            for (ObjectBatch.Op op : batch.ops()) {
                switch (op) {
                    case ObjectBatch.Put put -> records.put(put.key(), put.value());
                    case ObjectBatch.Delete delete -> records.remove(delete.key());
                    case ObjectBatch.AddBlob add ->
                        blobs.put(add.id().value(), finished.remove(add.id().value()));
                    case ObjectBatch.DeleteBlob delete ->
                        blobs.remove(delete.id().value());
                }
            }
        }
    }

    /** Lock must be held: refuses a batch whose blob ops cannot all apply, before any op of it does. */
    private void check(ObjectBatch batch) {
        java.util.Set<String> added = new java.util.HashSet<>();
        java.util.Set<String> present = new java.util.HashSet<>(blobs.keySet());
        for (ObjectBatch.Op op : batch.ops()) {
            if (op instanceof ObjectBatch.AddBlob add) {
                String id = add.id().value();
                if (!finished.containsKey(id) || !added.add(id)) {
                    throw new IllegalArgumentException("blob " + id + " is not finished, or was added already");
                }
                present.add(id);
            } else if (op instanceof ObjectBatch.DeleteBlob delete
                    && !present.remove(delete.id().value())) {
                throw new IllegalArgumentException("blob " + delete.id().value() + " is not in the store");
            }
        }
    }

    @Override
    public byte @Nullable [] read(String key) {
        TopicBatch.checkKey(key);
        synchronized (lock) {
            checkOpen();
            byte[] value = records.get(key);
            return value == null ? null : value.clone();
        }
    }

    @Override
    public void scan(String prefix, String fromKey, RecordVisitor visitor) {
        TopicBatch.checkKey(prefix);
        TopicBatch.checkKey(fromKey);
        String start = MemoryTopicStore.compareUtf8(fromKey, prefix) > 0 ? fromKey : prefix;
        synchronized (lock) {
            checkOpen();
            for (Map.Entry<String, byte[]> record : records.tailMap(start, true).entrySet()) {
                if (!record.getKey().startsWith(prefix)
                        || !visitor.onRecord(record.getKey(), record.getValue().clone())) {
                    break;
                }
            }
        }
    }

    @Override
    public BlobWriter createBlob() {
        synchronized (lock) {
            checkOpen();
        }
        return new Writer(new BlobId(UUID.randomUUID().toString().replace("-", "")));
    }

    @Override
    public InputStream openBlob(BlobId id, long offset) throws IOException {
        byte[] bytes;
        synchronized (lock) {
            checkOpen();
            bytes = blobs.get(id.value());
        }
        if (bytes == null) {
            throw new NoSuchFileException(id.value());
        }
        if (offset < 0 || offset > bytes.length) {
            throw new IllegalArgumentException(
                    "offset " + offset + " is outside the blob's " + bytes.length + " bytes");
        }
        return new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
    }

    /** Writes one blob into a buffer of its own, which {@link #finish} hands to the store. */
    private final class Writer implements BlobWriter {
        private final BlobId id;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean done;
        private boolean closed;

        Writer(BlobId id) {
            this.id = id;
        }

        @Override
        public BlobId id() {
            return id;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            if (done || closed) {
                throw new IllegalStateException("blob " + id.value() + " is finished or closed");
            }
            bytes.write(buffer, offset, length);
        }

        @Override
        public long length() {
            return bytes.size();
        }

        @Override
        public BlobId finish() {
            if (closed) {
                throw new IllegalStateException("blob " + id.value() + " is closed");
            }
            if (!done) {
                done = true;
                synchronized (lock) {
                    finished.put(id.value(), bytes.toByteArray());
                }
            }
            return id;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (lock) {
                // A blob that no batch added is discarded; one added is the store's now.
                finished.remove(id.value());
            }
        }
    }
}

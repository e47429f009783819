package dev.wharf.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps S3's records and blobs on the heap for {@link MemoryStorageEngine}: records in the order of their keys' UTF-8
 * bytes, blobs as byte arrays, which is fine for the tests that this backend serves.
 *
 * <p>Commits, reads and scans hold the engine's monitor, which orders this store's commits with the other stores' and
 * makes each batch atomic for readers. A blob's array never changes once finished, so a stream opened on it keeps
 * reading it whole after a commit deletes it.
 */
final class MemoryObjectStore implements ObjectStore {

    private final MemoryStorageEngine engine;
    private final NavigableMap<String, byte[]> records = new ConcurrentSkipListMap<>(MemoryTopicStore::compareUtf8);

    /** The blobs that committed batches added and did not delete. Guarded by the engine's monitor. */
    private final Map<BlobId, byte[]> blobs = new HashMap<>();

    /** The blobs finished and not yet added nor closed, by id; a commit takes its blobs from here. */
    private final Map<BlobId, byte[]> finished = new ConcurrentHashMap<>();

    MemoryObjectStore(MemoryStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public void commit(ObjectBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (engine) {
            engine.checkOpen();
            Map<BlobId, byte[]> added = check(batch);
            for (ObjectBatch.Op op : batch.ops()) {
                switch (op) {
                    case ObjectBatch.Put put -> records.put(put.key(), put.value());
                    case ObjectBatch.Delete delete -> records.remove(delete.key());
                    case ObjectBatch.AddBlob add -> {
                        finished.remove(add.id());
                        blobs.put(add.id(), added.get(add.id()));
                    }
                    case ObjectBatch.DeleteBlob delete -> blobs.remove(delete.id());
                }
            }
        }
    }

    /**
     * Checks every blob op of a batch before any op applies, so that a bad batch changes nothing; answers the bodies
     * of the blobs it adds. Engine monitor must be held.
     */
    private Map<BlobId, byte[]> check(ObjectBatch batch) {
        Map<BlobId, byte[]> added = new HashMap<>();
        Set<BlobId> deleted = new HashSet<>();
        for (ObjectBatch.Op op : batch.ops()) {
            if (op instanceof ObjectBatch.AddBlob(BlobId id)) {
                byte[] body = finished.get(id);
                if (body == null || added.containsKey(id)) {
                    throw new IllegalArgumentException(
                            "blob " + id.value() + " is not finished, was closed, or was added before");
                }
                added.put(id, body);
            } else if (op instanceof ObjectBatch.DeleteBlob(BlobId id)) {
                boolean present = (blobs.containsKey(id) || added.containsKey(id)) && !deleted.contains(id);
                if (!present) {
                    throw new IllegalArgumentException("blob " + id.value() + " is not in the store");
                }
                deleted.add(id);
            }
        }
        return added;
    }

    @Override
    public byte @Nullable [] read(String key) {
        TopicBatch.checkKey(key);
        synchronized (engine) {
            engine.checkOpen();
            byte[] value = records.get(key);
            return value == null ? null : value.clone();
        }
    }

    @Override
    public void scan(String prefix, String fromKey, RecordVisitor visitor) {
        TopicBatch.checkKey(prefix);
        TopicBatch.checkKey(fromKey);
        String start = MemoryTopicStore.compareUtf8(fromKey, prefix) > 0 ? fromKey : prefix;
        synchronized (engine) {
            engine.checkOpen();
            // The keys under a prefix are contiguous in code point order and begin at the prefix itself.
            for (Map.Entry<String, byte[]> record : records.tailMap(start, true).entrySet()) {
                if (!record.getKey().startsWith(prefix)
                        || !visitor.onRecord(record.getKey(), record.getValue().clone())) {
                    return;
                }
            }
        }
    }

    @Override
    public BlobWriter createBlob() {
        engine.checkOpen();
        return new Writer(new BlobId(UUID.randomUUID().toString().replace("-", "")));
    }

    @Override
    public InputStream openBlob(BlobId id, long offset) throws NoSuchFileException {
        byte[] body;
        synchronized (engine) {
            engine.checkOpen();
            body = blobs.get(id);
        }
        if (body == null) {
            throw new NoSuchFileException(id.value(), null, "no such blob in the store");
        }
        if (offset < 0 || offset > body.length) {
            throw new IllegalArgumentException(
                    "offset " + offset + " is outside blob " + id.value() + " of " + body.length + " bytes");
        }
        return new ByteArrayInputStream(body, (int) offset, body.length - (int) offset);
    }

    /** A blob that grows on the heap until it is finished. */
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
        public void write(byte[] bytes, int offset, int length) {
            if (done || closed) {
                throw new IllegalStateException("blob " + id.value() + " is finished or closed");
            }
            this.bytes.write(bytes, offset, length);
        }

        @Override
        public long length() {
            return bytes.size();
        }

        @Override
        public BlobId finish() {
            if (closed && !done) {
                throw new IllegalStateException("blob " + id.value() + " is closed");
            }
            if (!done) {
                done = true;
                finished.put(id, bytes.toByteArray());
            }
            return id;
        }

        @Override
        public void close() {
            closed = true;
            // Removed under the engine's monitor, so that a commit sees it either finished or gone.
            synchronized (engine) {
                finished.remove(id);
            }
        }
    }
}

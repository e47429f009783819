package dev.wharf.storage;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps SNS's resource records on the heap for {@link MemoryStorageEngine}, in the order of their keys' UTF-8 bytes.
 *
 * <p>Batches, reads and scans hold the engine's monitor, which orders this store's commits with the other stores' and
 * makes each batch atomic for readers. The map is concurrent anyway, so that a visitor that writes to the store during
 * a scan does not break the scan's iteration.
 */
final class MemoryTopicStore implements TopicStore {

    private final MemoryStorageEngine engine;
    private final NavigableMap<String, byte[]> records = new ConcurrentSkipListMap<>(MemoryTopicStore::compareUtf8);

    MemoryTopicStore(MemoryStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public PendingCommit submit(TopicBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        synchronized (engine) {
            engine.checkOpen();
            for (TopicBatch.Op op : batch.ops()) {
                switch (op) {
                    case TopicBatch.Put put -> records.put(put.key(), put.value());
                    case TopicBatch.Delete delete -> records.remove(delete.key());
                    case TopicBatch.DeletePrefix delete -> deletePrefix(delete.prefix());
                }
            }
        }
        return PendingCommit.DONE;
    }

    @Override
    public void scan(String prefix, RecordVisitor visitor) {
        TopicBatch.checkKey(prefix);
        synchronized (engine) {
            engine.checkOpen();
            // The keys under a prefix are contiguous in code point order and begin at the prefix itself.
            for (Map.Entry<String, byte[]> record :
                    records.tailMap(prefix, true).entrySet()) {
                if (!record.getKey().startsWith(prefix)) {
                    break;
                }
                visitor.onRecord(record.getKey(), record.getValue().clone());
            }
        }
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

    /** Engine monitor must be held. */
    private void deletePrefix(String prefix) {
        Iterator<String> keys = records.tailMap(prefix, true).keySet().iterator();
        while (keys.hasNext() && keys.next().startsWith(prefix)) {
            keys.remove();
        }
    }

    /**
     * Orders well-formed strings as their UTF-8 bytes, unsigned, which is code point order. {@link String#compareTo}
     * compares UTF-16 units, which puts a surrogate pair (a code point above U+FFFF) before the units U+E000 to U+FFFF;
     * moving the surrogates above them, and those down, restores code point order (the fix-up of ICU's {@code
     * u_strCompare}).
     */
    static int compareUtf8(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(inCodePointOrder(x), inCodePointOrder(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int inCodePointOrder(char unit) {
        if (unit >= 0xE000) {
            return unit - 0x800;
        }
        return Character.isSurrogate(unit) ? unit + 0x2000 : unit;
    }
}

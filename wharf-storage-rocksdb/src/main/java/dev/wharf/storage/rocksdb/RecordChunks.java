package dev.wharf.storage.rocksdb;

import dev.wharf.storage.SequenceNumber;
import dev.wharf.storage.StreamBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values of the Kinesis records family: a chunk holds the consecutive records that one batch appends to one shard,
 * so that a PutRecords of 500 records is a few RocksDB entries rather than 500.
 *
 * <p>An entry per record made RocksDB's per-key work (the memtable's skip list, the write-ahead log's entries, and each
 * compaction's comparisons and block building) most of a PutRecords's server CPU. A chunk is keyed by its last
 * record's key ({@link RecordKeys#streamChunkKey}), so that a seek to a sequence number lands on the chunk that holds
 * it, and its value is a count, then each record's sequence number (16 bytes), arrival time (8) and data length (4), then
 * the records' data in the same order. A chunk closes at {@value #MAX_RECORDS} records or {@value #MAX_BYTES} bytes, which bounds what a
 * read from its middle reads in vain; a larger record is a chunk of its own.
 *
 * <p>Entries that the store wrote one per record before chunks (keys of {@link RecordKeys#STREAM_RECORD_KEY_LENGTH}
 * bytes, the value the data alone) are still read: a key's length says which an entry is.
 */
final class RecordChunks {

    /** The most records in one chunk: a PutRecords appends at most 500 to a shard. */
    static final int MAX_RECORDS = 1_000;

    /** A chunk stops taking records once its value would pass this size. */
    static final int MAX_BYTES = 256 * 1024;

    private static final int RECORD_HEADER = SequenceNumber.BYTES + Long.BYTES + Integer.BYTES;

    private RecordChunks() {}

    /** Whether an entry of the records family is a chunk, by its key, rather than one record written before chunks. */
    static boolean isChunk(byte[] key) {
        return key.length == RecordKeys.STREAM_RECORD_KEY_LENGTH + 1;
    }

    /** The records of one shard that one batch appends, gathered into chunks. Writer thread only. */
    static final class Builder {
        private final List<StreamBatch.Append> records = new ArrayList<>();
        private int bytes = Integer.BYTES;

        /** Whether {@code append} fits in this chunk; an empty chunk takes any record. */
        boolean fits(StreamBatch.Append append) {
            return records.isEmpty()
                    || (records.size() < MAX_RECORDS
                            && (long) bytes + RECORD_HEADER + append.data().length <= MAX_BYTES);
        }

        void add(StreamBatch.Append append) {
            records.add(append);
            bytes += RECORD_HEADER + append.data().length;
        }

        boolean isEmpty() {
            return records.isEmpty();
        }

        /** The chunk's key: its last record's. */
        byte[] key() {
            StreamBatch.Append last = records.getLast();
            return RecordKeys.streamChunkKey(last.streamId(), last.shard(), last.sequence(), last.arrivalMillis());
        }

        byte[] value() {
            ByteBuffer out = ByteBuffer.allocate(bytes).putInt(records.size());
            for (StreamBatch.Append record : records) {
                out.putLong(record.sequence().high())
                        .putLong(record.sequence().low())
                        .putLong(record.arrivalMillis())
                        .putInt(record.data().length);
            }
            for (StreamBatch.Append record : records) {
                out.put(record.data());
            }
            return out.array();
        }

        void clear() {
            records.clear();
            bytes = Integer.BYTES;
        }
    }

    /**
     * Steps through the records of one entry of the records family, a chunk or a record written alone before chunks, in
     * order. A chunk that is not well-formed is an {@link IllegalStateException}: RocksDB checksums what it stores, so
     * only a defect writes one.
     */
    static final class Reader {
        private final byte[] value;
        /** The entry's key when it is a record written alone, else null. */
        private final byte @org.jspecify.annotations.Nullable [] aloneKey;

        private final int count;
        private int index = -1;
        private int dataOffset;
        private int nextDataOffset;

        private Reader(byte[] value, byte @org.jspecify.annotations.Nullable [] aloneKey, int count, int dataStart) {
            this.value = value;
            this.aloneKey = aloneKey;
            this.count = count;
            this.nextDataOffset = dataStart;
        }

        /** A reader of the entry under {@code key}. */
        static Reader of(byte[] key, byte[] value) {
            return isChunk(key) ? chunk(value) : new Reader(value, key, 1, 0);
        }

        /** A reader of a chunk's value. */
        static Reader chunk(byte[] value) {
            if (value.length < Integer.BYTES) {
                throw malformed();
            }
            int count = ByteBuffer.wrap(value).getInt();
            long headers = Integer.BYTES + (long) count * RECORD_HEADER;
            if (count < 1 || headers > value.length) {
                throw malformed();
            }
            return new Reader(value, null, count, (int) headers);
        }

        /** Moves to the next record; false once past the last. */
        boolean next() {
            if (index + 1 >= count) {
                index = count;
                return false;
            }
            index++;
            dataOffset = nextDataOffset;
            long end = (long) dataOffset + length();
            if (length() < 0 || end > value.length) {
                throw malformed();
            }
            nextDataOffset = (int) end;
            return true;
        }

        private int header() {
            return Integer.BYTES + index * RECORD_HEADER;
        }

        SequenceNumber sequence() {
            if (aloneKey != null) {
                return RecordKeys.streamRecordSequenceOf(aloneKey);
            }
            ByteBuffer view = ByteBuffer.wrap(value);
            return new SequenceNumber(view.getLong(header()), view.getLong(header() + Long.BYTES));
        }

        long arrivalMillis() {
            if (aloneKey != null) {
                return RecordKeys.streamRecordArrivalOf(aloneKey);
            }
            return ByteBuffer.wrap(value).getLong(header() + SequenceNumber.BYTES);
        }

        int length() {
            if (aloneKey != null) {
                return value.length;
            }
            return ByteBuffer.wrap(value).getInt(header() + SequenceNumber.BYTES + Long.BYTES);
        }

        /** The current record's data, as its own array. */
        byte[] data() {
            return aloneKey != null ? value : Arrays.copyOfRange(value, dataOffset, dataOffset + length());
        }

        private static IllegalStateException malformed() {
            return new IllegalStateException("a Kinesis record chunk is malformed");
        }
    }

    /**
     * The chunk of the records in {@code value} from {@code from} on, or null when all are below it: what a trim that
     * ends inside a chunk keeps of it, under the same key, since its last record stays.
     */
    static byte @org.jspecify.annotations.Nullable [] tailFrom(byte[] value, SequenceNumber from) {
        Reader reader = Reader.chunk(value);
        List<StreamBatch.Append> kept = new ArrayList<>();
        int skipped = 0;
        while (reader.next()) {
            if (reader.sequence().compareTo(from) < 0) {
                skipped++;
            } else {
                // The stream and shard are not written into a value: any valid ones do.
                kept.add(new StreamBatch.Append(0, 0, reader.sequence(), reader.arrivalMillis(), reader.data()));
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        if (skipped == 0) {
            return value;
        }
        Builder tail = new Builder();
        kept.forEach(tail::add);
        return tail.value();
    }
}

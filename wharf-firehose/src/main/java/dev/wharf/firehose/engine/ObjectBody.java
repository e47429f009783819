package dev.wharf.firehose.engine;

import dev.wharf.storage.DeliveryStreamStore;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * The body of one delivered object, read from the store as it is written: records are read a page at a time from the
 * destination's cursor, their data concatenated as Firehose concatenates it (no delimiter) and compressed on the way, so
 * that an object of 128 MiB never sits whole on the heap.
 *
 * <p>It takes records until their data reach the buffer's size or the records accepted when the delivery began are all
 * taken, whichever comes first; then {@link #lastSequence()}, {@link #bytes()} and {@link #count()} say what it held.
 * Not thread-safe: the S3 write reads it on one thread.
 */
final class ObjectBody extends InputStream {

    /** A record read from the store and not yet encoded. */
    private record Taken(long sequence, byte[] value) {}

    /** Records read from the store at once, at most. */
    private static final int PAGE_RECORDS = 128;
    /** The data read from the store at once, at most (a record may exceed it alone). */
    private static final int PAGE_BYTES = 1024 * 1024;

    private final DeliveryStreamStore store;
    private final long streamId;
    private final long endExclusive;
    private final long sizeLimit;
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final OutputStream encoder;
    private final ArrayDeque<Taken> page = new ArrayDeque<>();
    private long next;
    private long lastSequence = -1;
    private long bytes;
    private int count;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean finished;

    /**
     * @param from the first sequence to take
     * @param endExclusive the sequence after the last that may be taken
     * @param sizeLimit the data, in bytes, after which no further record is taken
     * @param compression the destination's CompressionFormat: UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY
     * @param entryName the name of a ZIP archive's one entry
     */
    ObjectBody(
            DeliveryStreamStore store,
            long streamId,
            long from,
            long endExclusive,
            long sizeLimit,
            String compression,
            String entryName) {
        this.store = store;
        this.streamId = streamId;
        this.next = from;
        this.endExclusive = endExclusive;
        this.sizeLimit = sizeLimit;
        OutputStream kept = new FilterOutputStream(sink) {
            @Override
            public void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
            }
        };
        this.encoder = Compression.encoder(compression, kept, entryName);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == chunk.length) {
            if (!refill()) {
                return -1;
            }
        }
        int taken = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, taken);
        position += taken;
        return taken;
    }

    /** The last sequence the body took, or -1 when it took none. */
    long lastSequence() {
        return lastSequence;
    }

    /** The data the body took, uncompressed. */
    long bytes() {
        return bytes;
    }

    int count() {
        return count;
    }

    private boolean refill() throws IOException {
        if (finished) {
            return false;
        }
        if (page.isEmpty() && bytes < sizeLimit && next < endExclusive) {
            long[] pageBytes = {0};
            store.scanRecords(streamId, next, (sequence, value) -> {
                if (sequence >= endExclusive) {
                    return false;
                }
                page.add(new Taken(sequence, value));
                pageBytes[0] += value.length;
                return page.size() < PAGE_RECORDS && pageBytes[0] < PAGE_BYTES;
            });
        }
        if (page.isEmpty() || bytes >= sizeLimit) {
            page.clear();
            encoder.close();
            finished = true;
        } else {
            while (!page.isEmpty() && bytes < sizeLimit) {
                Taken record = page.poll();
                int size = FirehoseRecords.sizeOf(record.value());
                encoder.write(record.value(), Long.BYTES, size);
                bytes += size;
                count++;
                lastSequence = record.sequence();
                next = record.sequence() + 1;
            }
            if (bytes >= sizeLimit) {
                page.clear();
            }
        }
        chunk = sink.toByteArray();
        sink.reset();
        position = 0;
        return true;
    }
}

package dev.wharf.s3.engine;

import dev.wharf.storage.BlobId;
import dev.wharf.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a run of an object's bytes across its segments, opening each segment's blob only when the run reaches it, so
 * that an object of ten thousand parts holds one open file at a time. Not thread-safe: one reader.
 */
final class SegmentStream extends InputStream {

    private final ObjectStore store;
    private final List<Stored.Segment> segments;
    private long remaining;
    private int index;
    /** Where the run begins within the segment at {@link #index}, until that segment is opened. */
    private long offset;

    private @Nullable InputStream current;

    /** Opens the run of {@code length} bytes from {@code start}; the first segment is opened now. */
    SegmentStream(ObjectStore store, List<Stored.Segment> segments, long start, long length) throws IOException {
        this.store = store;
        this.segments = segments;
        this.remaining = length;
        long skip = start;
        while (index < segments.size() && skip >= segments.get(index).length() && skip > 0) {
            skip -= segments.get(index).length();
            index++;
        }
        this.offset = skip;
        if (remaining > 0) {
            advance();
        }
    }

    /** Opens the segment at {@link #index}, or none past the last. */
    private void advance() throws IOException {
        while (index < segments.size() && segments.get(index).length() == 0) {
            index++;
        }
        if (index >= segments.size()) {
            current = null;
            return;
        }
        current = store.openBlob(new BlobId(segments.get(index).blob()), offset);
        offset = 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (remaining > 0) {
            InputStream in = current;
            if (in == null) {
                throw new IOException("the object's blobs end before its length");
            }
            int n = in.read(buffer, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
                return n;
            }
            in.close();
            index++;
            advance();
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        InputStream in = current;
        current = null;
        remaining = 0;
        if (in != null) {
            in.close();
        }
    }
}

package dev.wharf.storage;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Durable records and blobs of Amazon S3: bucket and object metadata as opaque values under string keys that the
 * engine composes, and object bodies as blobs that stream to and from the medium without being held on the heap.
 *
 * <p>Keys are compared as their UTF-8 bytes, unsigned (the order in which S3 lists keys), and a key or prefix must be
 * well-formed UTF-16; one with an unpaired surrogate is rejected with {@link IllegalArgumentException}. Unlike the other
 * stores, the engine does not keep every record in memory: it reads and scans the store on each request, so a scan
 * starts at any key and stops when its visitor says so.
 *
 * <p>All methods are thread-safe. A commit is atomic: after a crash every change of a batch is visible or none is,
 * including the blobs it adds and deletes. Commits are ordered with those of the engine's other stores (see {@link
 * StorageEngine}). A read, scan or {@link #openBlob} sees a batch's changes once {@link #commit} has returned, and a
 * blob that a committed batch deleted can no longer be opened, though a stream already open keeps reading it whole.
 * After the engine is closed every method throws {@link IllegalStateException}.
 */
public interface ObjectStore {

    /** Receives records during a scan, in ascending key order; returns false to stop the scan. */
    @FunctionalInterface
    interface RecordVisitor {
        boolean onRecord(String key, byte[] value);
    }

    /**
     * Applies a batch atomically and durably, returning once it is durable; an empty batch is a no-op.
     *
     * @throws IllegalArgumentException if the batch adds a blob that is not finished, was added before, or deletes a
     *     blob that is not in the store
     * @throws IllegalStateException if the store is closed or the write failed
     */
    void commit(ObjectBatch batch);

    /**
     * Reads one record, or null when none is stored under the key; the array is the caller's own copy.
     *
     * @throws IllegalArgumentException if the key holds an unpaired surrogate
     */
    byte @Nullable [] read(String key);

    /**
     * Visits the records whose key starts with {@code prefix}, in key order, beginning with the first key that is
     * greater than or equal to {@code fromKey} (from the first of the prefix when {@code fromKey} sorts before it),
     * until the visitor returns false or the prefix's records end. Each value is the visitor's own copy.
     *
     * @throws IllegalArgumentException if the prefix or the key holds an unpaired surrogate
     */
    void scan(String prefix, String fromKey, RecordVisitor visitor);

    /**
     * Starts a new blob.
     *
     * @throws IOException if the medium fails
     */
    BlobWriter createBlob() throws IOException;

    /**
     * Opens a blob of the store for reading from {@code offset}.
     *
     * @throws java.nio.file.NoSuchFileException (an IOException) if no committed batch added the blob, or one deleted it
     * @throws IOException if the medium fails
     * @throws IllegalArgumentException if the offset is negative or past the blob's end
     */
    InputStream openBlob(BlobId id, long offset) throws IOException;
}

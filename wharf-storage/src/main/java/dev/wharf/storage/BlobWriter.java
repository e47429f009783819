package dev.wharf.storage;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams one new blob of an {@link ObjectStore} to the store's medium, never holding it whole on the heap.
 *
 * <p>A blob is written, then {@link #finish finished} (its bytes are durable), then made part of the store by a
 * committed {@link ObjectBatch#addBlob}. Until that commit it is invisible, and a crash, a failed write or {@link
 * #close} before it leaves nothing behind: the store removes such blobs (at the latest, when it next opens).
 *
 * <p>Not thread-safe: one caller writes, finishes and closes it.
 */
public interface BlobWriter extends Closeable {

    /** The id the blob will have once it is added to the store. */
    BlobId id();

    /**
     * Appends bytes to the blob.
     *
     * @throws IOException if the medium fails
     * @throws IllegalStateException if the writer was finished or closed
     */
    void write(byte[] bytes, int offset, int length) throws IOException;

    /** The number of bytes written so far. */
    long length();

    /**
     * Makes the bytes written durable (in the store's durability mode) and ends writing; the blob is then ready for
     * {@link ObjectBatch#addBlob}. Idempotent.
     *
     * @return the blob's id
     * @throws IOException if the medium fails
     */
    BlobId finish() throws IOException;

    /**
     * Ends the writer: a blob that no committed batch has added is discarded. Idempotent, and safe after {@link
     * #finish}.
     */
    @Override
    void close();
}

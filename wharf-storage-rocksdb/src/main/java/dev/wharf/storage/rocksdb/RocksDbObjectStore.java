package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.wharf.storage.BlobId;
import dev.wharf.storage.BlobWriter;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.ObjectBatch;
import dev.wharf.storage.ObjectStore;
import dev.wharf.storage.PendingCommit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3's records and blobs for a {@link RocksDbStorageEngine}: records in the {@code s3-objects} column family under
 * their keys' UTF-8 bytes, blobs as files of the data directory, and in the {@code s3-blobs} family the id and length
 * of every blob that a committed batch added. Both families are made by the first commit.
 *
 * <p>A blob is written to {@code s3/tmp/<id>}, fsynced by {@link BlobWriter#finish} in the sync mode, and renamed to
 * {@code s3/blobs/<first two characters of id>/<id>} by the commit that adds it, before the batch is queued to the
 * engine's writer (in the sync mode the directory is fsynced after the rename). The batch then writes the blob's
 * {@code s3-blobs} record in the same atomic write as the batch's records: a blob counts as stored exactly when that
 * record is, and {@link #openBlob} opens only blobs that have one. A committed delete removes the record, then the file.
 * So after a crash every blob whose add committed is whole in place, and the other files are leftovers without a
 * record, which recovery deletes: everything under {@code s3/tmp}, and each file under {@code s3/blobs} without a
 * record. Recovery runs once, on the first {@link #createBlob} or {@link #commit} of the process, not when the engine
 * opens, so that a server that never serves S3 pays nothing for it at start.
 *
 * <p>Thread-safe: commits go through the engine's one writer, reads through the engine's lifecycle lock; the finished
 * blobs that wait for a commit are in a concurrent map, from which a commit takes each blob it adds exactly once.
 */
final class RocksDbObjectStore implements ObjectStore {

    static final String BLOB_FOLDER = "s3";

    /** The bytes a writer holds before it writes them to its file. */
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    /** The relaxed mode's committed blobs left to the operating system's cache before a commit syncs them all. */
    private static final int MAX_UNSYNCED_BLOBS = 1024;

    private static final Logger log = LoggerFactory.getLogger(RocksDbObjectStore.class);

    private final RocksDbStorageEngine engine;
    private final boolean sync;
    private final Path dataDir;
    private final Path root;
    private final Path tmp;
    private final Path blobs;

    /** The records and blobs families, made by the first commit. */
    private final OnDemandFamilies families;

    /** The finished blobs that no commit has taken yet nor their writer closed. */
    private final Map<BlobId, Blob> finished = new ConcurrentHashMap<>();

    /** The blobs that a commit in progress deletes, so that no other commit deletes them too. */
    private final Set<BlobId> deleting = ConcurrentHashMap.newKeySet();

    /** The shard folders of {@code s3/blobs} known to exist (and, in the sync mode, to be durable). */
    private final Set<String> shards = ConcurrentHashMap.newKeySet();

    /**
     * In the relaxed mode, the blobs committed and not yet fsynced: {@link #syncAtClose} makes them durable before the
     * engine syncs its write-ahead log at close, as it does the relaxed mode's records.
     */
    private final Queue<Path> unsynced = new ConcurrentLinkedQueue<>();

    /** Serializes the one recovery; {@link #recovered} is written under it. */
    private final Object recovery = new Object();

    private volatile boolean recovered;

    RocksDbObjectStore(
            RocksDbStorageEngine engine, Path dataDir, DurabilityMode mode, String recordsFamily, String blobsFamily) {
        this.engine = engine;
        this.sync = mode == DurabilityMode.SYNC;
        this.dataDir = dataDir;
        this.root = dataDir.resolve(BLOB_FOLDER);
        this.tmp = root.resolve("tmp");
        this.blobs = root.resolve("blobs");
        this.families = new OnDemandFamilies(engine, recordsFamily, blobsFamily);
    }

    /**
     * {@inheritDoc} It shares the engine's writer, so it is ordered with the other stores' commits too. The blobs it
     * adds are moved into place before the batch is queued, and those it deletes are removed once it is written.
     */
    @Override
    public void commit(ObjectBatch batch) {
        submit(batch).await();
    }

    /**
     * Queues a batch behind every batch submitted before it to any store, as the other stores' {@code submit} do, and
     * answers a commit whose {@link PendingCommit#await} returns once it is durable and its deleted blobs' files are
     * removed. {@link #commit} is this and the wait; the crash test of the engine's one commit order submits through it
     * to keep many commits in flight.
     *
     * @throws IllegalArgumentException as {@link #commit} does
     * @throws IllegalStateException if the store is closed or the blobs cannot be moved into place
     */
    PendingCommit submit(ObjectBatch batch) {
        if (batch.isEmpty()) {
            return PendingCommit.DONE;
        }
        recover();
        Map<BlobId, Blob> added = claim(batch);
        PendingCommit written;
        try {
            written = queue(batch, added);
        } catch (RuntimeException e) {
            release(batch);
            throw e;
        }
        AtomicBoolean settled = new AtomicBoolean();
        return () -> {
            try {
                written.await();
            } catch (RuntimeException e) {
                if (settled.compareAndSet(false, true)) {
                    release(batch);
                }
                throw e;
            }
            if (settled.compareAndSet(false, true)) {
                release(batch);
                afterCommit(batch, added.keySet());
            }
        };
    }

    /** Moves a batch's added blobs into place, then queues the batch to the engine's writer. */
    private PendingCommit queue(ObjectBatch batch, Map<BlobId, Blob> added) {
        Map<BlobId, Long> lengths = new HashMap<>();
        try {
            for (Blob blob : added.values()) {
                install(blob);
                lengths.put(blob.id(), blob.length());
            }
        } catch (IOException e) {
            // The files moved so far have no record, so they are invisible, and the next recovery deletes them.
            throw new IllegalStateException("cannot move the blobs of a commit into " + blobs + ": " + e, e);
        }
        families.makeForWrite();
        return engine.enqueue(new StoreBatch.Objects(batch, lengths));
    }

    /** Remembers a relaxed commit's blobs to sync at close, and removes the files of the blobs a batch deleted. */
    private void afterCommit(ObjectBatch batch, Set<BlobId> added) {
        if (!sync && !added.isEmpty()) {
            added.forEach(id -> unsynced.add(blobPath(id)));
            if (unsynced.size() > MAX_UNSYNCED_BLOBS) {
                // Bounds what close has to sync, and the heap that remembers it.
                syncUnsynced();
            }
        }
        for (ObjectBatch.Op op : batch.ops()) {
            if (op instanceof ObjectBatch.DeleteBlob(BlobId id)) {
                // A crash before this leaves a file without a record, which the next recovery deletes.
                deleteQuietly(blobPath(id));
            }
        }
    }

    /**
     * Takes every blob a batch adds from the finished ones and checks every blob it deletes, before anything moves: a
     * bad batch gives its blobs back and changes nothing.
     */
    private Map<BlobId, Blob> claim(ObjectBatch batch) {
        Map<BlobId, Blob> added = new HashMap<>();
        Set<BlobId> deleted = new HashSet<>();
        try {
            for (ObjectBatch.Op op : batch.ops()) {
                if (op instanceof ObjectBatch.AddBlob(BlobId id)) {
                    Blob blob = finished.remove(id);
                    if (blob == null) {
                        throw new IllegalArgumentException(
                                "blob " + id.value() + " is not finished, was closed, or was added before");
                    }
                    added.put(id, blob);
                } else if (op instanceof ObjectBatch.DeleteBlob(BlobId id)) {
                    // Reserved before the record is read: a commit deleting it too either fails on the reservation or
                    // comes after this one is written and then finds no record.
                    if (deleted.contains(id) || !deleting.add(id)) {
                        throw new IllegalArgumentException("blob " + id.value() + " is deleted by another op");
                    }
                    deleted.add(id);
                    if (!added.containsKey(id) && committedLength(id) == null) {
                        throw new IllegalArgumentException("blob " + id.value() + " is not in the store");
                    }
                }
            }
            return added;
        } catch (RuntimeException e) {
            finished.putAll(added);
            deleting.removeAll(deleted);
            throw e;
        }
    }

    /** Ends the reservations of the blobs that a batch deletes, once it is written or has failed. */
    private void release(ObjectBatch batch) {
        for (ObjectBatch.Op op : batch.ops()) {
            if (op instanceof ObjectBatch.DeleteBlob(BlobId id)) {
                deleting.remove(id);
            }
        }
    }

    /** Moves a finished blob from {@code s3/tmp} to its place under {@code s3/blobs}, durably in the sync mode. */
    private void install(Blob blob) throws IOException {
        String shard =
                blob.id().value().substring(0, Math.min(2, blob.id().value().length()));
        Path folder = blobs.resolve(shard);
        if (!shards.contains(shard)) {
            Files.createDirectories(folder);
            if (sync) {
                syncDirectory(blobs);
            }
            shards.add(shard);
        }
        Files.move(blob.file(), folder.resolve(blob.id().value()), StandardCopyOption.ATOMIC_MOVE);
        if (sync) {
            syncDirectory(folder);
        }
    }

    @Override
    public byte @Nullable [] read(String key) {
        byte[] encoded = RecordKeys.resourceKey(key);
        return families.readable() ? engine.get(families.get(0), encoded, "reading an S3 record") : null;
    }

    @Override
    public void scan(String prefix, String fromKey, RecordVisitor visitor) {
        byte[] lowest = RecordKeys.resourceKey(prefix);
        byte[] from = RecordKeys.resourceKey(fromKey);
        if (!families.readable()) {
            return;
        }
        byte[] start = Arrays.compareUnsigned(from, lowest) > 0 ? from : lowest;
        engine.scanWhile(
                families.get(0),
                start.length == 0 ? null : start,
                lowest.length == 0 ? null : RecordKeys.prefixEnd(lowest),
                "scanning the S3 records under a prefix",
                (key, value) -> visitor.onRecord(RecordKeys.resourceKeyOf(key), value));
    }

    @Override
    public BlobWriter createBlob() throws IOException {
        recover();
        BlobId id = new BlobId(UUID.randomUUID().toString().replace("-", ""));
        Path file = tmp.resolve(id.value());
        return new Blob(id, file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    @Override
    public InputStream openBlob(BlobId id, long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("a blob's offset must not be negative: " + offset);
        }
        Long length = committedLength(id);
        if (length == null) {
            throw new NoSuchFileException(id.value(), null, "no such blob in the store");
        }
        if (offset > length) {
            throw new IllegalArgumentException(
                    "offset " + offset + " is past the end of blob " + id.value() + " of " + length + " bytes");
        }
        // A commit that deletes the blob now removes the file; the open then fails as if it had come after it.
        FileChannel channel = FileChannel.open(blobPath(id), StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Channels.newInputStream(channel);
    }

    /** The length of a blob that a committed batch added and none deleted, or null. */
    private @Nullable Long committedLength(BlobId id) {
        if (!families.readable()) {
            return null;
        }
        byte[] length = engine.get(families.get(1), id.value().getBytes(US_ASCII), "reading an S3 blob's record");
        return length == null ? null : ByteBuffer.wrap(length).getLong();
    }

    /**
     * Makes the relaxed mode's committed blobs durable; the engine calls it at close, once its writer has stopped and
     * before it syncs the write-ahead log, so that no record outlives its blob in a crash of the machine after a
     * close. The sync mode synced each blob before its commit.
     */
    void syncAtClose() {
        syncUnsynced();
    }

    private void syncUnsynced() {
        Set<Path> folders = new HashSet<>();
        for (Path file = unsynced.poll(); file != null; file = unsynced.poll()) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.force(true);
                folders.add(Objects.requireNonNull(file.getParent()));
            } catch (NoSuchFileException deleted) {
                // A later commit deleted it: nothing to keep.
            } catch (IOException e) {
                log.warn("cannot sync the blob file {}: {}", file, e.toString());
            }
        }
        for (Path folder : folders) {
            try {
                syncDirectory(folder);
            } catch (IOException e) {
                log.warn("cannot sync the blob folder {}: {}", folder, e.toString());
            }
        }
        if (!folders.isEmpty()) {
            try {
                syncDirectory(blobs);
                syncDirectory(root);
            } catch (IOException e) {
                log.warn("cannot sync the blob folder {}: {}", blobs, e.toString());
            }
        }
    }

    /** Adds a batch's ops to a group's write. Writer thread only. */
    void apply(WriteBatch write, StoreBatch.Objects objects) throws RocksDBException {
        ColumnFamilyHandle records = families.get(0);
        ColumnFamilyHandle blobRecords = families.get(1);
        for (ObjectBatch.Op op : objects.batch().ops()) {
            switch (op) {
                case ObjectBatch.Put put -> write.put(records, RecordKeys.resourceKey(put.key()), put.value());
                case ObjectBatch.Delete delete -> write.delete(records, RecordKeys.resourceKey(delete.key()));
                case ObjectBatch.AddBlob add -> {
                    long length = Objects.requireNonNull(
                            objects.lengths().get(add.id()), add.id().value());
                    write.put(
                            blobRecords,
                            add.id().value().getBytes(US_ASCII),
                            ByteBuffer.allocate(Long.BYTES).putLong(length).array());
                }
                case ObjectBatch.DeleteBlob delete ->
                    write.delete(blobRecords, delete.id().value().getBytes(US_ASCII));
            }
        }
    }

    private Path blobPath(BlobId id) {
        return blobs.resolve(id.value().substring(0, Math.min(2, id.value().length())))
                .resolve(id.value());
    }

    /**
     * Deletes what a crash or a failed commit left behind, once per process and before this process makes any blob:
     * every file under {@code s3/tmp}, and every file under {@code s3/blobs} that no committed batch added.
     *
     * @throws IllegalStateException if the store is closed or the data directory fails
     */
    private void recover() {
        if (recovered) {
            engine.checkReadable();
            return;
        }
        synchronized (recovery) {
            engine.checkReadable();
            if (recovered) {
                return;
            }
            try {
                Files.createDirectories(tmp);
                Files.createDirectories(blobs);
                if (sync) {
                    // The folders themselves, so that a blob moved into them later is not lost with them.
                    syncDirectory(root);
                    syncDirectory(dataDir);
                }
                int deleted = deleteAll(tmp);
                deleted += deleteOrphans();
                if (deleted > 0) {
                    log.info("deleted {} blob files that no commit added, left by a crash or a failed commit", deleted);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot recover the S3 blobs in " + root + ": " + e, e);
            }
            recovered = true;
        }
    }

    private static int deleteAll(Path folder) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                deleted++;
            }
        }
        return deleted;
    }

    private int deleteOrphans() throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(blobs)) {
            for (Path folder : folders) {
                shards.add(folder.getFileName().toString());
                try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                    for (Path file : files) {
                        if (!isCommitted(file.getFileName().toString())) {
                            Files.deleteIfExists(file);
                            deleted++;
                        }
                    }
                }
            }
        }
        return deleted;
    }

    private boolean isCommitted(String name) {
        try {
            return committedLength(new BlobId(name)) != null;
        } catch (IllegalArgumentException notAnId) {
            return false;
        }
    }

    /** Makes a directory's entries durable: a rename or a new file is durable only once its directory is synced. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete the blob file {}; the next recovery will: {}", file, e.toString());
        }
    }

    /** A blob being written to {@code s3/tmp} through a bounded buffer. */
    private final class Blob implements BlobWriter {

        private final BlobId id;
        private final Path file;
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        private long length;
        private boolean done;
        private boolean closed;

        Blob(BlobId id, Path file, FileChannel channel) {
            this.id = id;
            this.file = file;
            this.channel = channel;
        }

        @Override
        public BlobId id() {
            return id;
        }

        Path file() {
            return file;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (done || closed) {
                throw new IllegalStateException("blob " + id.value() + " is finished or closed");
            }
            int at = offset;
            int left = length;
            while (left > 0) {
                int piece = Math.min(left, buffer.remaining());
                buffer.put(bytes, at, piece);
                at += piece;
                left -= piece;
                this.length += piece;
                if (!buffer.hasRemaining()) {
                    drain();
                }
            }
        }

        private void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public BlobId finish() throws IOException {
            if (done) {
                return id;
            }
            if (closed) {
                throw new IllegalStateException("blob " + id.value() + " is closed");
            }
            drain();
            if (sync) {
                channel.force(true);
            }
            channel.close();
            done = true;
            finished.put(id, this);
            return id;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (!done) {
                try {
                    channel.close();
                } catch (IOException e) {
                    log.debug("closing the unfinished blob {} failed: {}", id.value(), e.toString());
                }
                deleteQuietly(file);
            } else if (finished.remove(id, this)) {
                // No commit took it: it is discarded. One that did owns the file now.
                deleteQuietly(file);
            }
        }
    }
}

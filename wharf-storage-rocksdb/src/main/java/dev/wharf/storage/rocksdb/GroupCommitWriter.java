package dev.wharf.storage.rocksdb;

import dev.wharf.storage.ArchiveBatch;
import dev.wharf.storage.BrokerBatch;
import dev.wharf.storage.DeliveryBatch;
import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.MetricBatch;
import dev.wharf.storage.ObjectBatch;
import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.StoreObserver;
import dev.wharf.storage.StreamBatch;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TopicBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the batches of every committing thread, to every store of the engine, from one dedicated platform thread,
 * merging all that wait into one group, so that concurrent commits share one write and one fsync, and the write-ahead
 * log keeps one order of all of them.
 *
 * <p>Why a thread of its own: a RocksDB call through JNI pins the carrier of a virtual thread for its whole duration,
 * fsync included, and the server runs its handlers on virtual threads over as few carriers as it has cores. Callers
 * therefore only enqueue, then wait on a future, which unmounts a virtual thread; only the writer thread enters RocksDB
 * to write.
 *
 * <p>{@link #submit} is thread-safe; batches are written in the order they were queued, and the returned commit's
 * {@link PendingCommit#await} returns once its batch's group is written. {@link #close} is called once, by the owning
 * store.
 *
 * <p>Each group written is reported to the {@link #observe observer}, if any, after its callers are released. With
 * none, a group costs one volatile read more and is not timed.
 */
final class GroupCommitWriter {

    /** Writes one group of batches atomically; it runs on the writer thread only. */
    @FunctionalInterface
    interface GroupWrite {
        /**
         * Writes the group and makes it durable.
         *
         * @param timed whether to time the fsync of the write-ahead log
         * @return when timed, how long the fsync took in nanoseconds; otherwise, or when nothing was synced, 0
         */
        long write(List<StoreBatch> group, boolean timed) throws RocksDBException;
    }

    /** How many batches may wait for the writer; more callers block until it catches up. */
    static final int MAX_PENDING_BATCHES = 4096;

    /**
     * The most record bytes merged into one group, beyond its first batch: a group is copied into one native write
     * batch, so its size is bounded, not only its count.
     */
    static final long MAX_GROUP_BYTES = 16L * 1024 * 1024;

    /** What a record costs beyond its value: its key and the write batch's framing. */
    private static final long OP_OVERHEAD_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

    private record Pending(StoreBatch batch, long bytes, CompletableFuture<@Nullable Void> done) {}

    /** Queued last by {@link #close}: everything admitted before it is written, then the thread ends. */
    private static final Pending STOP =
            new Pending(new StoreBatch.Queues(new QueueBatch()), 0, new CompletableFuture<>());

    private final GroupWrite write;
    private final BlockingQueue<Pending> pending = new ArrayBlockingQueue<>(MAX_PENDING_BATCHES);

    /**
     * Callers hold the read lock from their check of {@link #accepting} until their batch is queued, so that once
     * {@link #close} has taken the write lock no batch can arrive behind {@link #STOP}.
     */
    private final ReadWriteLock admission = new ReentrantReadWriteLock();

    /** Guarded by {@link #admission}. */
    private boolean accepting = true;

    /**
     * Where each group written is reported; {@link StoreObserver#NONE} until {@link #observe} names another. Read by
     * the writer thread once per group; written under this object's monitor.
     */
    private volatile StoreObserver observer = StoreObserver.NONE;

    /** A batch taken from the queue that did not fit the previous group; only the writer thread touches it. */
    private @Nullable Pending carried;

    private final Thread thread;

    private GroupCommitWriter(String threadName, GroupWrite write) {
        this.write = write;
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
    }

    /** Starts a writer on a new platform thread. */
    static GroupCommitWriter start(String threadName, GroupWrite write) {
        GroupCommitWriter writer = new GroupCommitWriter(threadName, write);
        writer.thread.start();
        return writer;
    }

    /**
     * Queues a batch, blocking while the queue is full; the result waits until its group is written.
     *
     * @throws IllegalStateException if the writer is closed, or the caller is interrupted while the queue is full
     */
    PendingCommit submit(StoreBatch batch) {
        Pending request = new Pending(batch, estimateBytes(batch), new CompletableFuture<>());
        admission.readLock().lock();
        try {
            if (!accepting) {
                throw new IllegalStateException("the store is closed");
            }
            pending.put(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to queue a commit", e);
        } finally {
            admission.readLock().unlock();
        }
        return () -> await(request.done());
    }

    /** Reports every group written from now on to {@code observer}; thread-safe. */
    synchronized void observe(StoreObserver observer) {
        this.observer = observer;
    }

    private static void await(CompletableFuture<@Nullable Void> done) {
        try {
            // join() rather than get(): a queued batch may be written anyway, so an interrupt must not report failure.
            done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause == null) {
                cause = e;
            }
            // A new exception per caller, so that each one's stack trace shows its own call.
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    /**
     * Refuses new commits, writes every queued one, and stops the thread.
     *
     * @return whether the thread stopped within the timeout; if not, it may still be writing
     */
    boolean close(Duration timeout) {
        admission.writeLock().lock();
        try {
            accepting = false;
        } finally {
            admission.writeLock().unlock();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // offer() with a timeout, not put(): a writer that died would never make room.
            while (thread.isAlive() && !pending.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
            }
            long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            thread.join(remainingMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
        return !thread.isAlive();
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        try {
            boolean stopping = false;
            while (!stopping) {
                stopping = takeGroup(group);
                if (!group.isEmpty()) {
                    writeGroup(group);
                }
                group.clear();
            }
        } catch (InterruptedException e) {
            log.error("the RocksDB writer thread was interrupted; refusing further commits");
        } catch (RuntimeException | Error e) {
            log.error("the RocksDB writer thread failed; refusing further commits", e);
        } finally {
            // Whatever ended the loop, no caller may wait forever.
            IllegalStateException stopped = new IllegalStateException("the store's writer has stopped");
            group.forEach(request -> request.done().completeExceptionally(stopped));
            refuseAndFailQueued(stopped);
        }
    }

    /**
     * Fills the group with the next batch, waiting for one, and every batch already queued behind it up to the byte
     * bound. Writer thread only.
     *
     * @return whether {@link #STOP} was reached
     */
    private boolean takeGroup(List<Pending> group) throws InterruptedException {
        Pending next = carried != null ? carried : pending.take();
        carried = null;
        long bytes = 0;
        while (next != null) {
            if (next == STOP) {
                return true;
            }
            if (!group.isEmpty() && bytes + next.bytes() > MAX_GROUP_BYTES) {
                carried = next;
                return false;
            }
            group.add(next);
            bytes += next.bytes();
            next = pending.poll();
        }
        return false;
    }

    private void writeGroup(List<Pending> group) {
        StoreObserver heard = observer;
        boolean timed = heard != StoreObserver.NONE;
        long start = timed ? System.nanoTime() : 0;
        List<StoreBatch> batches = new ArrayList<>(group.size());
        group.forEach(request -> batches.add(request.batch()));
        long syncNanos;
        try {
            syncNanos = write.write(batches, timed);
        } catch (RocksDBException | RuntimeException e) {
            log.error("a write of {} commits failed", group.size(), e);
            IllegalStateException failure = new IllegalStateException("RocksDB write failed: " + e.getMessage(), e);
            group.forEach(request -> request.done().completeExceptionally(failure));
            return;
        }
        long commitNanos = timed ? System.nanoTime() - start : 0;
        group.forEach(request -> request.done().complete(null));
        if (timed) {
            report(heard, group, commitNanos, syncNanos);
        }
    }

    /** Tells the observer of a group written; one that throws is dropped, since the writer thread must go on. */
    private void report(StoreObserver heard, List<Pending> group, long commitNanos, long syncNanos) {
        long bytes = 0;
        for (Pending request : group) {
            bytes += request.bytes();
        }
        try {
            heard.onCommit(group.size(), bytes, commitNanos, syncNanos);
        } catch (RuntimeException e) {
            log.error("the store's commit observer failed; no further commits are reported to it", e);
            synchronized (this) {
                if (observer == heard) {
                    observer = StoreObserver.NONE;
                }
            }
        }
    }

    /** Closes admission and fails what is queued, making room for callers that block on a full queue meanwhile. */
    private void refuseAndFailQueued(IllegalStateException reason) {
        while (!admission.writeLock().tryLock()) {
            failQueued(reason);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        try {
            accepting = false;
            failQueued(reason);
        } finally {
            admission.writeLock().unlock();
        }
    }

    private void failQueued(IllegalStateException reason) {
        for (Pending request = pending.poll(); request != null; request = pending.poll()) {
            request.done().completeExceptionally(reason);
        }
    }

    private static long estimateBytes(StoreBatch batch) {
        return switch (batch) {
            case StoreBatch.Queues queues -> estimateBytes(queues.batch());
            case StoreBatch.Topics topics -> estimateBytes(topics.batch());
            case StoreBatch.Deliveries deliveries -> estimateBytes(deliveries.batch());
            case StoreBatch.Archive archive -> estimateBytes(archive.batch());
            case StoreBatch.ArchivePurge purge -> OP_OVERHEAD_BYTES + purge.start().length + purge.end().length;
            case StoreBatch.Streams streams -> estimateBytes(streams.batch());
            case StoreBatch.Metrics metrics -> estimateBytes(metrics.batch());
            case StoreBatch.Tables tables -> estimateBytes(tables.batch());
            case StoreBatch.Objects objects -> estimateBytes(objects.batch());
            case StoreBatch.DeliveryStreams deliveryStreams -> estimateBytes(deliveryStreams.batch());
            case StoreBatch.Brokers brokers -> estimateBytes(brokers.batch());
            // Two range tombstones and an index entry, each under two short keys at most.
            case StoreBatch.StreamTrim trim -> 3 * (OP_OVERHEAD_BYTES + 2L * RecordKeys.STREAM_RECORD_KEY_LENGTH);
        };
    }

    private static long estimateBytes(QueueBatch batch) {
        long bytes = 0;
        for (QueueBatch.Op op : batch.ops()) {
            bytes += OP_OVERHEAD_BYTES
                    + switch (op) {
                        case QueueBatch.PutQueue put -> put.metadata().length;
                        case QueueBatch.PutPayload put -> put.payload().length;
                        case QueueBatch.PutIndex put -> put.index().length;
                        case QueueBatch.DeleteQueue delete -> 0;
                        case QueueBatch.DeleteMessage delete -> 0;
                        case QueueBatch.DeleteAllMessages delete -> 0;
                    };
        }
        return bytes;
    }

    private static long estimateBytes(TopicBatch batch) {
        long bytes = 0;
        for (TopicBatch.Op op : batch.ops()) {
            // A key's UTF-8 takes at most three bytes per UTF-16 unit.
            bytes += OP_OVERHEAD_BYTES
                    + switch (op) {
                        case TopicBatch.Put put -> 3L * put.key().length() + put.value().length;
                        case TopicBatch.Delete delete -> 3L * delete.key().length();
                        case TopicBatch.DeletePrefix delete ->
                            6L * delete.prefix().length();
                    };
        }
        return bytes;
    }

    private static long estimateBytes(BrokerBatch batch) {
        long bytes = 0;
        for (BrokerBatch.Op op : batch.ops()) {
            // A key's UTF-8 takes at most three bytes per UTF-16 unit; a range deletion holds two keys.
            bytes += OP_OVERHEAD_BYTES
                    + switch (op) {
                        case BrokerBatch.Put put -> 3L * put.key().length() + put.value().length;
                        case BrokerBatch.Delete delete -> 3L * delete.key().length();
                        case BrokerBatch.DeletePrefix delete ->
                            6L * delete.prefix().length();
                    };
        }
        return bytes;
    }

    private static long estimateBytes(ObjectBatch batch) {
        long bytes = 0;
        for (ObjectBatch.Op op : batch.ops()) {
            // A key's UTF-8 takes at most three bytes per UTF-16 unit; a blob's record is its id and its length.
            bytes += OP_OVERHEAD_BYTES
                    + switch (op) {
                        case ObjectBatch.Put put -> 3L * put.key().length() + put.value().length;
                        case ObjectBatch.Delete delete -> 3L * delete.key().length();
                        case ObjectBatch.AddBlob add -> add.id().value().length() + Long.BYTES;
                        case ObjectBatch.DeleteBlob delete ->
                            delete.id().value().length();
                    };
        }
        return bytes;
    }

    private static long estimateBytes(ArchiveBatch batch) {
        long bytes = 0;
        for (ArchiveBatch.Op op : batch.ops()) {
            bytes += OP_OVERHEAD_BYTES
                    + switch (op) {
                        case ArchiveBatch.Append append -> 3L * append.archive().length() + append.payload().length;
                        case ArchiveBatch.DeleteArchive delete ->
                            6L * delete.archive().length();
                    };
        }
        return bytes;
    }

    private static long estimateBytes(StreamBatch batch) {
        long bytes = 0;
        for (StreamBatch.Op op : batch.ops()) {
            // An append is a record and a time index entry; the range deletions are two or three tombstones.
            bytes += OP_OVERHEAD_BYTES
                    + switch (op) {
                        case StreamBatch.PutMetadata put -> 3L * put.name().length() + put.value().length;
                        case StreamBatch.DeleteMetadata delete ->
                            3L * delete.name().length();
                        case StreamBatch.Append append ->
                            OP_OVERHEAD_BYTES + 2L * RecordKeys.STREAM_RECORD_KEY_LENGTH + append.data().length;
                        case StreamBatch.DeleteShard delete -> 2 * OP_OVERHEAD_BYTES;
                        case StreamBatch.DeleteStream delete -> 3 * OP_OVERHEAD_BYTES;
                    };
        }
        return bytes;
    }

    private static long estimateBytes(MetricBatch batch) {
        long bytes = 0;
        for (MetricBatch.Op op : batch.ops()) {
            // A key's UTF-8 takes at most three bytes per UTF-16 unit; a range deletion holds two keys.
            bytes += OP_OVERHEAD_BYTES
                    + switch (op) {
                        case MetricBatch.PutResource put -> 3L * put.key().length() + put.value().length;
                        case MetricBatch.DeleteResource delete ->
                            3L * delete.key().length();
                        case MetricBatch.DeleteResourcePrefix delete ->
                            6L * delete.prefix().length();
                        case MetricBatch.PutPoint put -> RecordKeys.POINT_KEY_LENGTH + put.value().length;
                        case MetricBatch.DeletePointsBefore delete -> 2L * RecordKeys.POINT_KEY_LENGTH;
                        case MetricBatch.DeleteSeriesPoints delete -> 2L * Long.BYTES;
                    };
        }
        return bytes;
    }

    private static long estimateBytes(DeliveryStreamBatch batch) {
        long bytes = 0;
        for (DeliveryStreamBatch.Op op : batch.ops()) {
            // A key's UTF-8 takes at most three bytes per UTF-16 unit; a range deletion holds two keys.
            bytes += OP_OVERHEAD_BYTES
                    + switch (op) {
                        case DeliveryStreamBatch.PutResource put ->
                            3L * put.key().length() + put.value().length;
                        case DeliveryStreamBatch.DeleteResource delete ->
                            3L * delete.key().length();
                        case DeliveryStreamBatch.DeleteResourcePrefix delete ->
                            6L * delete.prefix().length();
                        case DeliveryStreamBatch.PutRecord put -> RecordKeys.MESSAGE_KEY_LENGTH + put.value().length;
                        case DeliveryStreamBatch.DeleteRecordsBefore delete -> 2L * RecordKeys.MESSAGE_KEY_LENGTH;
                        case DeliveryStreamBatch.DeleteStreamRecords delete -> 2L * Long.BYTES;
                    };
        }
        return bytes;
    }

    private static long estimateBytes(TableBatch batch) {
        long bytes = 0;
        for (TableBatch.Op op : batch.ops()) {
            // An item's key is its table, index and hash, the partition key escaped (twice its bytes at most) and the
            // sort key; a range deletion holds two short keys.
            bytes += OP_OVERHEAD_BYTES
                    + switch (op) {
                        case TableBatch.PutTableRecord put ->
                            Long.BYTES + 3L * put.name().length() + put.value().length;
                        case TableBatch.DeleteTableRecord delete ->
                            Long.BYTES + 3L * delete.name().length();
                        case TableBatch.DeleteTable delete -> 4L * Long.BYTES;
                        case TableBatch.PutItem put ->
                            ItemKeys.PARTITION_OFFSET
                                    + 2L * put.partition().length
                                    + put.sort().length
                                    + put.value().length;
                        case TableBatch.DeleteItem delete ->
                            ItemKeys.PARTITION_OFFSET + 2L * delete.partition().length + delete.sort().length;
                        case TableBatch.DeleteIndex delete -> 2L * ItemKeys.PARTITION_OFFSET;
                    };
        }
        return bytes;
    }

    private static long estimateBytes(DeliveryBatch batch) {
        long bytes = 0;
        for (DeliveryBatch.Op op : batch.ops()) {
            // A DeleteMessage becomes one delete per delivery record it finds, which were counted when they were put.
            bytes += OP_OVERHEAD_BYTES
                    + switch (op) {
                        case DeliveryBatch.PutMessage put -> put.payload().length;
                        case DeliveryBatch.PutDelivery put -> put.value().length;
                        case DeliveryBatch.DeleteDelivery delete -> 0;
                        case DeliveryBatch.DeleteMessage delete -> 0;
                    };
        }
        return bytes;
    }
}

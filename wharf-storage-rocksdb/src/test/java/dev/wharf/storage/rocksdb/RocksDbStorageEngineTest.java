package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.QueueBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the RocksDB store that the contract suite does not cover: its data directory and its lifecycle. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RocksDbStorageEngineTest {

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path tempDir;

    @Test
    void createsAMissingDataDirectory() {
        Path dataDir = tempDir.resolve("a/b/data");

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            assertThat(dataDir.resolve(RocksDbStorageEngine.ROCKSDB_FOLDER)).isDirectory();
            assertThat(engine.mode()).isEqualTo(DurabilityMode.SYNC);
            assertThat(engine.queues()).isSameAs(engine);
        }
    }

    @Test
    void describeNamesTheDirectoryAndTheMode() throws Exception {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.RELAXED)) {
            assertThat(engine.describe()).isEqualTo("rocksdb at " + tempDir.toRealPath() + " (relaxed)");
        }
    }

    @Test
    void lockFileNamesTheHoldingProcess() throws Exception {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.SYNC)) {
            String pid = Files.readString(tempDir.resolve(DataDirectoryLock.LOCK_FILE_NAME), US_ASCII)
                    .trim();
            assertThat(pid).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryFailsWhileTheFirstIsOpen() throws Exception {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.SYNC)) {
            engine.commit(new QueueBatch().putQueue(1, bytes("q")));

            assertThatThrownBy(() -> RocksDbStorageEngine.open(tempDir.resolve("."), DurabilityMode.RELAXED))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("data directory " + tempDir.toRealPath()
                            + " is in use by another Wharf store in this process (pid "
                            + ProcessHandle.current().pid() + ")");

            // The refused open must leave the first store and its lock intact.
            engine.commit(new QueueBatch().putQueue(2, bytes("q")));
            assertThatThrownBy(() -> RocksDbStorageEngine.open(tempDir, DurabilityMode.SYNC))
                    .hasMessageContaining("is in use by another Wharf");
        }
    }

    @Test
    void directoryCanBeOpenedAgainAfterClose() {
        RocksDbStorageEngine.open(tempDir, DurabilityMode.SYNC).close();

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.SYNC)) {
            assertThat(engine.readPayload(1, 1)).isNull();
        }
    }

    @Test
    void aFileInsteadOfADirectoryFailsClearly() throws Exception {
        Path file = Files.writeString(tempDir.resolve("data"), "not a directory");

        assertThatThrownBy(() -> RocksDbStorageEngine.open(file, DurabilityMode.SYNC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("data directory " + file + " is not a directory");
    }

    @Test
    void aDirectoryUnderAFileFailsClearly() throws Exception {
        Path file = Files.writeString(tempDir.resolve("data"), "not a directory");

        assertThatThrownBy(() -> RocksDbStorageEngine.open(file.resolve("sub"), DurabilityMode.SYNC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot create data directory " + file.resolve("sub"));
    }

    @Test
    void aReadOnlyDirectoryFailsClearly() throws Exception {
        Path dataDir = Files.createDirectory(tempDir.resolve("read-only"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(dataDir), "root may write to any directory");

            assertThatThrownBy(() -> RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("data directory " + dataDir + " is not writable");
        } finally {
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void memoryModeIsRejected() {
        assertThatThrownBy(() -> RocksDbStorageEngine.open(tempDir, DurabilityMode.MEMORY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory");
        assertThat(tempDir.resolve(DataDirectoryLock.LOCK_FILE_NAME)).doesNotExist();
    }

    @Test
    void closeIsIdempotent() {
        RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.SYNC);
        engine.commit(new QueueBatch().putQueue(1, bytes("q")));

        engine.close();
        engine.close();

        try (RocksDbStorageEngine again = RocksDbStorageEngine.open(tempDir, DurabilityMode.SYNC)) {
            List<Long> ids = new ArrayList<>();
            again.loadQueues((id, value) -> ids.add(id));
            assertThat(ids).containsExactly(1L);
        }
    }

    @Test
    void everyCallAfterCloseFails() {
        RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.SYNC);
        engine.close();

        assertThatThrownBy(() -> engine.commit(new QueueBatch().putQueue(1, bytes("q"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> engine.loadQueues((id, value) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> engine.scanIndex(1, (id, value) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> engine.readPayload(1, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        // An empty batch changes nothing, so it needs no open store.
        engine.commit(new QueueBatch());
    }

    @Test
    void negativeIdsAndSequencesAreRejectedAndFailOnlyTheirBatch() {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.SYNC)) {
            assertThatThrownBy(() -> engine.commit(
                            new QueueBatch().putQueue(1, bytes("q")).deleteQueue(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("queue ids must be non-negative: -1");
            assertThatThrownBy(() -> engine.commit(new QueueBatch().putIndex(1, -5, bytes("i"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sequences must be non-negative: 1/-5");

            engine.commit(new QueueBatch().putQueue(2, bytes("q")));
            List<Long> ids = new ArrayList<>();
            engine.loadQueues((id, value) -> ids.add(id));
            assertThat(ids).containsExactly(2L);
        }
    }

    @Test
    void concurrentLargeBatchesAreSplitIntoBoundedGroupsAndAllApplied() throws Exception {
        int threads = 8;
        int commitsPerThread = 3;
        // Eight writers of 3 MiB batches queue more than one group's byte bound at a time.
        int payloadBytes = 3 * 1024 * 1024;
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.RELAXED)) {
            commitFromThreads(
                    threads,
                    commitsPerThread,
                    (queueId, i) ->
                            engine.commit(new QueueBatch().putPayload(queueId, i, payload(queueId, i, payloadBytes))));
            for (long queueId = 0; queueId < threads; queueId++) {
                for (long i = 0; i < commitsPerThread; i++) {
                    assertThat(engine.readPayload(queueId, i)).isEqualTo(payload(queueId, i, payloadBytes));
                }
            }
        }
    }

    @Test
    void closeWhileCommittingNeitherHangsNorLosesAnAcknowledgedCommit() throws Exception {
        RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.RELAXED);
        int threads = 4;
        AtomicLong nextSequence = new AtomicLong();
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    while (true) {
                        long sequence = nextSequence.getAndIncrement();
                        try {
                            engine.commit(new QueueBatch().putIndex(1, sequence, bytes("i" + sequence)));
                        } catch (IllegalStateException e) {
                            assertThat(e).hasMessageContaining("closed");
                            return null;
                        }
                        acknowledged.add(sequence);
                    }
                }));
            }
            while (acknowledged.size() < 200) {
                Thread.sleep(1);
            }
            engine.close();
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        try (RocksDbStorageEngine reopened = RocksDbStorageEngine.open(tempDir, DurabilityMode.RELAXED)) {
            List<Long> stored = new ArrayList<>();
            reopened.scanIndex(1, (sequence, value) -> stored.add(sequence));
            assertThat(stored).containsAll(acknowledged);
        }
    }

    @Test
    void concurrentCommitsAreReportedInSharedGroupsThatAddUp() throws Exception {
        int threads = 8;
        int commitsPerThread = 50;
        AtomicLong groups = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicLong synced = new AtomicLong();
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.SYNC)) {
            engine.observe((batches, bytes, commitNanos, syncNanos) -> {
                groups.incrementAndGet();
                writes.addAndGet(batches);
                synced.addAndGet(syncNanos > 0 ? 1 : 0);
            });
            commitFromThreads(
                    threads,
                    commitsPerThread,
                    (queueId, i) -> engine.commit(new QueueBatch().putIndex(queueId, i, bytes("i" + i))));
        }

        // The writer reports each group before it takes the next, and close waits for it, so every group is heard.
        assertThat(writes.get()).isEqualTo(threads * commitsPerThread);
        assertThat(groups.get()).as("groups of eight writers' commits").isLessThan(threads * commitsPerThread);
        assertThat(synced.get()).as("each group synced once").isEqualTo(groups.get());
    }

    @Test
    void anObserverThatThrowsIsDroppedAndCommitsGoOn() {
        AtomicLong heard = new AtomicLong();
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(tempDir, DurabilityMode.RELAXED)) {
            engine.observe((batches, bytes, commitNanos, syncNanos) -> {
                heard.incrementAndGet();
                throw new IllegalStateException("a broken observer");
            });
            engine.commit(new QueueBatch().putQueue(1, bytes("q1")));
            engine.commit(new QueueBatch().putQueue(2, bytes("q2")));
            engine.commit(new QueueBatch().putQueue(3, bytes("q3")));

            List<Long> ids = new ArrayList<>();
            engine.loadQueues((id, value) -> ids.add(id));
            assertThat(ids).containsExactly(1L, 2L, 3L);
        }
        assertThat(heard.get()).as("called once, then dropped").isEqualTo(1);
    }

    /** One commit of a thread: its queue id is the thread's number, and {@code i} counts its commits. */
    @FunctionalInterface
    private interface ThreadCommit {
        void commit(long queueId, long i);
    }

    /** Runs {@code commitsPerThread} commits on each of {@code threads} threads at once, and waits for all. */
    private static void commitFromThreads(int threads, int commitsPerThread, ThreadCommit commit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long queueId = t;
                results.add(pool.submit(() -> {
                    for (long i = 0; i < commitsPerThread; i++) {
                        commit.commit(queueId, i);
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] payload(long queueId, long sequence, int length) {
        byte[] payload = new byte[length];
        new Random(queueId * 1000 + sequence).nextBytes(payload);
        return payload;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}

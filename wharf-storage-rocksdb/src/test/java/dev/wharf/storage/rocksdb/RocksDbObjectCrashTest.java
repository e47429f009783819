package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.storage.BlobId;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.ObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that uploads objects in the sync mode with SIGKILL while it writes blobs, then proves that every
 * object it had acknowledged is stored with its blob intact, that every record stored has its blob whole, and that
 * recovery leaves no blob file that no commit added.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
final class RocksDbObjectCrashTest {

    private static final int ACKS_BEFORE_KILL = 150;
    private static final int WRITER_THREADS = 4;
    private static final long WAIT_SECONDS = 90;

    /** What the line reader queues when the child's output ends. */
    private static final String END_OF_OUTPUT = "\0end";

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path tempDir;

    @Test
    void everyAcknowledgedObjectSurvivesAKillWholeAndNoOrphanBlobRemains() throws Exception {
        Path dataDir = tempDir.resolve("data");

        Set<Long> firstRound = uploadUntilKilled(dataDir, 0);
        assertIntact(dataDir, firstRound);

        // The second child recovers from the first one's kill, then is killed in turn.
        Set<Long> both = new HashSet<>(firstRound);
        both.addAll(uploadUntilKilled(dataDir, 1_000_000));
        assertIntact(dataDir, both);
    }

    /** Runs a child uploader until it has acknowledged enough objects, kills it, and returns what it acknowledged. */
    private Set<Long> uploadUntilKilled(Path dataDir, long firstSequence) throws Exception {
        Path stderr = tempDir.resolve("child-" + firstSequence + ".err");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                RocksDbObjectCrashWriter.class.getName(),
                dataDir.toString(),
                Integer.toString(WRITER_THREADS),
                Long.toString(firstSequence));
        Process child =
                new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            BlockingQueue<String> lines = readLines(child);
            Set<Long> acknowledged = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (acknowledged.size() < ACKS_BEFORE_KILL) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(END_OF_OUTPUT)) {
                    throw new AssertionError("the child stopped after " + acknowledged.size() + " acknowledgements ("
                            + (line == null ? "timed out" : "output ended") + "); its stderr:\n" + read(stderr));
                }
                assertThat(line).startsWith("ack ");
                acknowledged.add(Long.parseLong(line.substring("ack ".length())));
            }
            child.destroyForcibly();
            assertThat(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("child exited after SIGKILL")
                    .isTrue();
            assertThat(child.exitValue()).as("exit status of a killed child").isNotZero();
            return acknowledged;
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * Reopens the store, lets its recovery run, and checks each acknowledged object, that every stored record's blob
     * is whole, and that the blob files are exactly the stored records' blobs.
     */
    private static void assertIntact(Path dataDir, Set<Long> acknowledged) throws IOException {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            ObjectStore store = engine.objects();
            // Recovery runs on the store's first write or new blob, not at open.
            store.createBlob().close();

            Map<Long, String> records = new LinkedHashMap<>();
            store.scan(RocksDbObjectCrashWriter.PREFIX, "", (key, value) -> {
                records.put(
                        Long.parseLong(key.substring(RocksDbObjectCrashWriter.PREFIX.length())),
                        new String(value, UTF_8));
                return true;
            });
            Set<Long> lost = new TreeSet<>(acknowledged);
            lost.removeAll(records.keySet());
            assertThat(lost).as("acknowledged objects missing after the kill").isEmpty();

            Set<String> blobIds = new HashSet<>();
            for (Map.Entry<Long, String> record : records.entrySet()) {
                // Stored but unacknowledged objects were in flight at the kill; their blobs too must be whole.
                String[] idAndLength = record.getValue().split(" ");
                byte[] expected = RocksDbObjectCrashWriter.body(record.getKey());
                assertThat(Long.parseLong(idAndLength[1])).isEqualTo(expected.length);
                BlobId id = new BlobId(idAndLength[0]);
                blobIds.add(id.value());
                try (InputStream in = store.openBlob(id, 0)) {
                    if (!Arrays.equals(in.readAllBytes(), expected)) {
                        throw new AssertionError("the blob of object " + record.getKey() + " is corrupted");
                    }
                }
            }
            assertThat(files(dataDir.resolve("s3/tmp")))
                    .as("files left in s3/tmp")
                    .isEmpty();
            assertThat(files(dataDir.resolve("s3/blobs")))
                    .as("the blob files are the stored objects' blobs, no orphan among them")
                    .isEqualTo(blobIds);
        }
    }

    private static Set<String> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .collect(Collectors.toSet());
        }
    }

    /** Reads the child's output lines on a daemon thread, so that every wait for them can be bounded. */
    private static BlockingQueue<String> readLines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon(true).name("object-crash-child-output").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The pipe closes when the child is killed; the end marker below says so.
            } finally {
                lines.add(END_OF_OUTPUT);
            }
        });
        return lines;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}

package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.storage.DurabilityMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that writes to the store in the sync mode with SIGKILL, then proves that every commit it had
 * acknowledged is stored intact, and that the store opens again for the next crash; and that what survives of commits
 * to all the stores is a prefix of their one submit order.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class RocksDbCrashTest {

    private static final int ACKS_BEFORE_KILL = 2000;
    private static final int WRITER_THREADS = 4;
    private static final long WAIT_SECONDS = 60;

    /** What the line reader queues when the child's output ends. */
    private static final String END_OF_OUTPUT = "\0end";

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path tempDir;

    @Test
    void everyAcknowledgedCommitSurvivesAKillAndTheStoreReopens() throws Exception {
        Path dataDir = tempDir.resolve("data");

        Set<Long> firstRound = writeUntilKilled(dataDir, 0);
        assertIntact(dataDir, firstRound);

        // The second child recovers from the first one's kill, then is killed in turn.
        Set<Long> secondRound = writeUntilKilled(dataDir, 1_000_000);
        Set<Long> both = new HashSet<>(firstRound);
        both.addAll(secondRound);
        assertIntact(dataDir, both);
    }

    @Test
    void aKillKeepsAPrefixOfTheSubmitsToEveryStore() throws Exception {
        Path dataDir = tempDir.resolve("mixed");

        Set<Long> acknowledged = writeUntilKilled(RocksDbMixedCrashWriter.class, dataDir, "0");

        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            Set<Long> stored = RocksDbMixedCrashWriter.stored(engine);
            long count = stored.size();
            assertThat(stored)
                    .as("what survived is a prefix of the submit order, whatever store each commit went to")
                    .isEqualTo(LongStream.range(0, count).boxed().collect(Collectors.toSet()));
            assertThat(count).as("commits stored").isGreaterThan(Collections.max(acknowledged));
        }
    }

    /** Runs a child writer until it has acknowledged enough commits, kills it, and returns what it acknowledged. */
    private Set<Long> writeUntilKilled(Path dataDir, long firstSequence) throws Exception {
        return writeUntilKilled(
                RocksDbCrashWriter.class, dataDir, Integer.toString(WRITER_THREADS), Long.toString(firstSequence));
    }

    /** Runs a child's main class with the data directory and arguments, and kills it after enough acknowledgements. */
    private Set<Long> writeUntilKilled(Class<?> writer, Path dataDir, String... arguments) throws Exception {
        Path stderr = tempDir.resolve("child-" + writer.getSimpleName() + "-" + String.join("-", arguments) + ".err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                writer.getName(),
                dataDir.toString()));
        command.addAll(List.of(arguments));
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
                if (acknowledged.size() == 1) {
                    assertOpenIsRefusedWhileChildHoldsTheDirectory(dataDir, child.pid());
                }
            }
            // Every line taken so far ended with a newline before the kill, so each names a whole sequence.
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

    private static void assertOpenIsRefusedWhileChildHoldsTheDirectory(Path dataDir, long childPid) throws IOException {
        assertThatThrownBy(() -> RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("data directory " + dataDir.toRealPath() + " is in use by another Wharf process (pid "
                        + childPid + ")");
    }

    /** Reopens the store and checks each acknowledged message, and that no message is stored half or corrupted. */
    private static void assertIntact(Path dataDir, Set<Long> acknowledged) {
        try (RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            Map<Long, byte[]> index = new LinkedHashMap<>();
            engine.scanIndex(RocksDbCrashWriter.QUEUE_ID, index::put);

            Set<Long> lost = new TreeSet<>(acknowledged);
            lost.removeAll(index.keySet());
            assertThat(lost).as("acknowledged sequences missing after the kill").isEmpty();
            // Stored but unacknowledged commits were in flight at the kill; they too must be whole.
            for (Map.Entry<Long, byte[]> record : index.entrySet()) {
                long sequence = record.getKey();
                byte[] payload = engine.readPayload(RocksDbCrashWriter.QUEUE_ID, sequence);
                byte[] expected = RocksDbCrashWriter.payload(sequence);
                if (payload == null || !Arrays.equals(payload, expected)) {
                    throw new AssertionError(
                            "payload of sequence " + sequence + " is " + (payload == null ? "missing" : "corrupted"));
                }
                assertThat(record.getValue())
                        .as("index record of sequence %d", sequence)
                        .isEqualTo(RocksDbCrashWriter.index(sequence, expected));
            }
            Set<String> queues = new HashSet<>();
            engine.loadQueues((id, value) -> queues.add(id + ":" + new String(value, UTF_8)));
            assertThat(queues).hasSize(1).allMatch(queue -> queue.startsWith(RocksDbCrashWriter.QUEUE_ID + ":last="));
        }
    }

    /** Reads the child's output lines on a daemon thread, so that every wait for them can be bounded. */
    private static BlockingQueue<String> readLines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon(true).name("crash-child-output").start(() -> {
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

package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.QueueBatch;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * The child process of {@link RocksDbCrashTest}: commits messages to a store in the sync mode from several threads,
 * and prints {@code ack <sequence>} once each commit has returned, until it is killed.
 *
 * <p>Arguments: the data directory, the number of threads, and the first sequence. It stops by itself after {@link
 * #MAX_RUN_SECONDS}, so that a test that dies before killing it leaves no process behind for long.
 */
final class RocksDbCrashWriter {

    static final long QUEUE_ID = 1;
    private static final long MAX_RUN_SECONDS = 120;

    private RocksDbCrashWriter() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        AtomicLong nextSequence = new AtomicLong(Long.parseLong(args[2]));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_RUN_SECONDS);
        PrintStream out = System.out;
        RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            writers.add(Thread.ofPlatform().name("crash-writer-" + t).start(() -> {
                while (System.nanoTime() - deadline < 0) {
                    long sequence = nextSequence.getAndIncrement();
                    byte[] payload = payload(sequence);
                    engine.commit(new QueueBatch()
                            .putQueue(QUEUE_ID, ("last=" + sequence).getBytes(UTF_8))
                            .putPayload(QUEUE_ID, sequence, payload)
                            .putIndex(QUEUE_ID, sequence, index(sequence, payload)));
                    // One string, one write: a kill cuts the output between lines, not inside an acknowledged one.
                    synchronized (out) {
                        out.print("ack " + sequence + "\n");
                        out.flush();
                    }
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        engine.close();
    }

    /** A payload that only this sequence has, of a length that varies with it. */
    static byte[] payload(long sequence) {
        SplittableRandom random = new SplittableRandom(sequence);
        byte[] payload = new byte[64 + (int) (sequence % 1000)];
        random.nextBytes(payload);
        return payload;
    }

    /** The index record: the sequence and the CRC-32 of its payload. */
    static byte[] index(long sequence, byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(2 * Long.BYTES)
                .putLong(sequence)
                .putLong(crc.getValue())
                .array();
    }
}

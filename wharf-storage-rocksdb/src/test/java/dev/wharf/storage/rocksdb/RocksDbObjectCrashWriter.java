package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.wharf.storage.BlobId;
import dev.wharf.storage.BlobWriter;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.ObjectBatch;
import dev.wharf.storage.ObjectStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link RocksDbObjectCrashTest}: uploads objects to an object store in the sync mode from
 * several threads, each a blob of a few hundred KiB written in pieces and committed with its record, and prints {@code
 * ack <sequence>} once each commit has returned, until it is killed.
 *
 * <p>Arguments: the data directory, the number of threads, and the first sequence. It stops by itself after {@link
 * #MAX_RUN_SECONDS}, so that a test that dies before killing it leaves no process behind for long.
 */
final class RocksDbObjectCrashWriter {

    static final String PREFIX = "bucket/object-";
    private static final long MAX_RUN_SECONDS = 120;
    private static final int PIECE_BYTES = 8 * 1024;

    private RocksDbObjectCrashWriter() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        AtomicLong nextSequence = new AtomicLong(Long.parseLong(args[2]));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_RUN_SECONDS);
        PrintStream out = System.out;
        RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC);
        ObjectStore store = engine.objects();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            writers.add(Thread.ofPlatform().name("object-crash-writer-" + t).start(() -> {
                while (System.nanoTime() - deadline < 0) {
                    long sequence = nextSequence.getAndIncrement();
                    try (BlobWriter writer = store.createBlob()) {
                        byte[] body = body(sequence);
                        for (int offset = 0; offset < body.length; offset += PIECE_BYTES) {
                            writer.write(body, offset, Math.min(PIECE_BYTES, body.length - offset));
                        }
                        BlobId id = writer.finish();
                        store.commit(new ObjectBatch()
                                .put(key(sequence), record(id, body.length))
                                .addBlob(id));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
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

    static String key(long sequence) {
        return PREFIX + sequence;
    }

    /** An object's record: its blob's id and length. */
    static byte[] record(BlobId id, long length) {
        return (id.value() + " " + length).getBytes(UTF_8);
    }

    /** A body that only this sequence has, of 100 to 400 KiB. */
    static byte[] body(long sequence) {
        SplittableRandom random = new SplittableRandom(sequence);
        byte[] body = new byte[100 * 1024 + random.nextInt(300 * 1024)];
        random.nextBytes(body);
        return body;
    }
}

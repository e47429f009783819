package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Holds a data directory for one store: checks that the directory is usable, then keeps an exclusive lock on its
 * {@value #LOCK_FILE_NAME} file, which names the holder's pid, until {@link #close()}.
 *
 * <p>The operating system releases the lock when the process dies, even by {@code kill -9}, so a crash never leaves a
 * stale lock behind. Not thread-safe: one store acquires and closes it.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String LOCK_FILE_NAME = "wharf.lock";

    /** The longest pid line read back from another holder's lock file. */
    private static final int MAX_OWNER_BYTES = 64;

    /**
     * The directories that this JVM holds. A file lock belongs to the whole process, and closing any other channel on
     * the same file may release it, so a second store in this process is refused here before it opens a channel.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private DataDirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the directory if it is missing and locks it.
     *
     * @throws IllegalStateException if the path is not a writable directory, or another store holds it
     */
    static DataDirectoryLock acquire(Path dataDir) {
        Path directory = prepare(dataDir);
        if (!HELD.add(directory)) {
            throw new IllegalStateException("data directory " + directory
                    + " is in use by another Wharf store in this process (pid "
                    + ProcessHandle.current().pid() + ")");
        }
        try {
            return lock(directory);
        } catch (RuntimeException e) {
            HELD.remove(directory);
            throw e;
        }
    }

    /** The directory, as a real path. */
    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // The file stays: deleting it could race with another process that has just opened it to lock it.
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot release the lock of data directory " + directory + ": " + e, e);
        } finally {
            HELD.remove(directory);
        }
    }

    private static Path prepare(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IllegalStateException("data directory " + absolute + " is not a directory");
        }
        try {
            Files.createDirectories(absolute);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("data directory " + absolute + " is not a directory", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data directory " + absolute + ": " + e, e);
        }
        if (!Files.isWritable(absolute)) {
            throw new IllegalStateException("data directory " + absolute + " is not writable");
        }
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("cannot resolve data directory " + absolute + ": " + e, e);
        }
    }

    private static DataDirectoryLock lock(Path directory) {
        Path lockFile = directory.resolve(LOCK_FILE_NAME);
        FileChannel channel;
        try {
            // No TRUNCATE_EXISTING: a holder's pid must stay readable until this process owns the lock.
            channel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "data directory " + directory + " is not writable: cannot open " + lockFile + ": " + e, e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException("data directory " + directory
                        + " is in use by another Wharf process (pid " + owner(channel) + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(US_ASCII)), 0);
            channel.force(true);
            return new DataDirectoryLock(directory, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot lock data directory " + directory + ": " + e, e);
        }
    }

    private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Another channel of this JVM holds it, which HELD normally reports first.
            return null;
        }
    }

    /** The pid that the holder wrote, or "unknown" when it cannot be read. */
    private static String owner(FileChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_OWNER_BYTES);
        try {
            channel.read(buffer, 0);
        } catch (IOException e) {
            return "unknown";
        }
        String owner = new String(buffer.array(), 0, buffer.position(), US_ASCII).trim();
        return owner.isEmpty() ? "unknown" : owner;
    }

    private static void closeQuietly(FileChannel channel, Exception cause) {
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}

package dev.wharf.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one step of SNS's message archive to a {@link MessageArchiveStore}, applied atomically and in order by
 * {@link MessageArchiveStore#commit(ArchiveBatch)}: a later op in the batch sees the effect of every earlier one.
 *
 * <p>Each op checks its archive name, time and sequence when it is made: a name that is empty, holds U+0000 or an
 * unpaired surrogate, or a negative time or sequence, is an {@link IllegalArgumentException} there, so no store ever
 * receives one (the durable backend orders times and sequences as unsigned bytes after the name and a zero byte). The
 * batch keeps the arrays it is given, not copies: they must not change once the batch is submitted.
 *
 * <p>Not thread-safe: one caller builds a batch, then commits it once.
 */
public final class ArchiveBatch {

    /** One change; the closed set that every backend applies. */
    public sealed interface Op {}

    /** Writes one archived message under its archive, time and sequence, replacing one already there. */
    public record Append(String archive, long timeMillis, long sequence, byte[] payload) implements Op {
        public Append {
            checkArchive(archive);
            checkPosition(timeMillis, sequence);
        }
    }

    /** Deletes every entry of an archive; a missing archive is a no-op. */
    public record DeleteArchive(String archive) implements Op {
        public DeleteArchive {
            checkArchive(archive);
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public ArchiveBatch append(String archive, long timeMillis, long sequence, byte[] payload) {
        ops.add(new Append(archive, timeMillis, sequence, payload));
        return this;
    }

    public ArchiveBatch deleteArchive(String archive) {
        ops.add(new DeleteArchive(archive));
        return this;
    }

    /** The ops in the order they were added. */
    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /**
     * Checks an archive's name as every op and read does.
     *
     * @throws IllegalArgumentException if it is empty, holds U+0000, or holds an unpaired surrogate
     */
    public static void checkArchive(String archive) {
        if (archive.isEmpty()) {
            throw new IllegalArgumentException("an archive name must not be empty");
        }
        for (int i = 0; i < archive.length(); i++) {
            char c = archive.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException("an archive name must not hold U+0000");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < archive.length()
                    && Character.isLowSurrogate(archive.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("an archive name must be well-formed UTF-16");
            }
        }
    }

    /**
     * Checks a position (time and sequence) as every op and read does.
     *
     * @throws IllegalArgumentException if either is negative
     */
    public static void checkPosition(long timeMillis, long sequence) {
        if (timeMillis < 0 || sequence < 0) {
            throw new IllegalArgumentException(
                    "archive times and sequences must be non-negative: " + timeMillis + "/" + sequence);
        }
    }
}

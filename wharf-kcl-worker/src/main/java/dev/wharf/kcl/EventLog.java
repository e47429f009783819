package dev.wharf.kcl;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Appends one tab-separated line per event to a file, each line written by its own system call as it happens, so
 * that a SIGKILL of the worker leaves every line of what the worker did before it, whole.
 */
final class EventLog {

    private final FileOutputStream out;

    EventLog(Path file) throws IOException {
        this.out = new FileOutputStream(file.toFile(), true);
    }

    /** Writes {@code System.currentTimeMillis()}, the event and its fields as one line. */
    synchronized void write(String event, String... fields) {
        StringBuilder line = new StringBuilder()
                .append(System.currentTimeMillis())
                .append('\t')
                .append(event);
        for (String field : fields) {
            line.append('\t').append(field);
        }
        line.append('\n');
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the server's log after the run, bounded: counts its lines, its ERROR and WARN lines and its stack frames,
 * and finds lines that a request forged (a line that starts with {@link Hostile#FORGED_LOG_MARKER}: the server
 * wrote a client's newline into its log unescaped).
 */
final class ServerLog {

    /** Bounds the scan, in lines; a run that logs a stack trace per request writes many. */
    private static final long LINES_MAX = 50_000_000;

    /** What the scan found. */
    record Scan(
            long lines,
            long errors,
            long warnings,
            long stackFrames,
            long forged,
            String firstForged,
            boolean truncated) {

        void writeTo(ObjectNode node) {
            node.put("lines", lines)
                    .put("error_lines", errors)
                    .put("warn_lines", warnings)
                    .put("stack_frames", stackFrames)
                    .put("forged_lines", forged)
                    .put("truncated", truncated);
        }
    }

    private ServerLog() {}

    static Scan scan(Path log) throws IOException {
        long lines = 0;
        long errors = 0;
        long warnings = 0;
        long frames = 0;
        long forged = 0;
        String firstForged = "";
        boolean truncated = false;
        try (BufferedReader reader = Files.newBufferedReader(log, ISO_8859_1)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (++lines > LINES_MAX) {
                    truncated = true;
                    break;
                }
                if (line.contains(" ERROR ")) {
                    errors++;
                } else if (line.contains(" WARN ")) {
                    warnings++;
                } else if (line.startsWith("\tat ")) {
                    frames++;
                }
                if (line.startsWith(Hostile.FORGED_LOG_MARKER)) {
                    if (forged++ == 0) {
                        firstForged = Printable.text(line, 200);
                    }
                }
            }
        }
        return new Scan(lines, errors, warnings, frames, forged, firstForged, truncated);
    }
}

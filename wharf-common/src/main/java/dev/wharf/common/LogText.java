package dev.wharf.common;

/**
 * Renders text that came from a client (a header, a parameter, an exception's message) so that it can go into a log
 * line or an error message: bounded in length and with every control character escaped, so one request can neither
 * flood the log nor forge a line of it.
 *
 * <p>Thread-safe; stateless.
 */
public final class LogText {

    /** The bound for client text in a log line when a caller names none. */
    public static final int DEFAULT_MAX_CHARS = 256;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {}

    /** Renders {@code text} with at most {@link #DEFAULT_MAX_CHARS} of its characters. */
    public static String of(CharSequence text) {
        return bounded(text, DEFAULT_MAX_CHARS);
    }

    /**
     * Renders {@code text} in at most {@code maxChars} characters of output (escapes count as what they are written as):
     * control characters and line or paragraph separators become {@code \n}, {@code \r}, {@code \t} or {@code
     * \\uXXXX}, a backslash becomes two, and a text cut short ends in "…(N more chars)".
     */
    public static String bounded(CharSequence text, int maxChars) {
        int limit = Math.max(0, maxChars);
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 24);
        int shown = 0;
        while (shown < text.length()) {
            int before = out.length();
            appendEscaped(out, text.charAt(shown));
            if (out.length() > limit) {
                out.setLength(before);
                break;
            }
            shown++;
        }
        if (shown < text.length()) {
            out.append("…(").append(text.length() - shown).append(" more chars)");
        }
        return out.toString();
    }

    /** Renders a throwable's class and bounded message, and those of its causes, on one line. */
    public static String describe(Throwable error) {
        StringBuilder out = new StringBuilder(128);
        Throwable current = error;
        for (int depth = 0; current != null && depth < 4; depth++) {
            if (depth > 0) {
                out.append(" <- caused by ");
            }
            out.append(current.getClass().getName());
            String message = current.getMessage();
            if (message != null) {
                out.append(": ").append(of(message));
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return out.toString();
    }

    /**
     * Renders a failure for the log: {@link #describe} on the first line, then at most {@code maxFrames} stack frames
     * of it and of each cause. Only the messages can hold a client's text, and they are escaped, so the lines that
     * follow the first are always frames.
     */
    public static String failure(Throwable error, int maxFrames) {
        StringBuilder out = new StringBuilder(describe(error));
        Throwable current = error;
        for (int depth = 0; current != null && depth < 4; depth++) {
            if (depth > 0) {
                out.append("\n  caused by ").append(current.getClass().getName());
            }
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, maxFrames); i++) {
                out.append("\n\tat ").append(frames[i]);
            }
            if (frames.length > maxFrames) {
                out.append("\n\t… ").append(frames.length - maxFrames).append(" more frames");
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                    out.append("\\u")
                            .append(HEX[(c >> 12) & 0xF])
                            .append(HEX[(c >> 8) & 0xF])
                            .append(HEX[(c >> 4) & 0xF])
                            .append(HEX[c & 0xF]);
                } else {
                    out.append(c);
                }
            }
        }
    }
}

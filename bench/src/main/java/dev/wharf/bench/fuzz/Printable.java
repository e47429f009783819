package dev.wharf.bench.fuzz;

/**
 * Renders bytes for a terminal or a JSON line, bounded: printable ASCII as it is, {@code \r \n \t \\} escaped, every
 * other byte as {@code \xNN}, and the middle of a long input left out with a count, so that a hostile request or
 * answer can be printed without taking over the terminal.
 */
final class Printable {

    /** The default bound, in input bytes, of what is printed of one request or answer. */
    static final int DEFAULT_MAX = 2048;

    private Printable() {}

    static String bytes(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder(Math.min(bytes.length, max) + 64);
        if (bytes.length <= max) {
            append(out, bytes, 0, bytes.length);
            return out.toString();
        }
        int head = max * 3 / 4;
        int tail = max - head;
        append(out, bytes, 0, head);
        out.append("…[").append(bytes.length - head - tail).append(" bytes left out]…");
        append(out, bytes, bytes.length - tail, bytes.length);
        return out.toString();
    }

    /** Text whose chars are bytes (one char per byte, as heads are held), escaped the same way. */
    static String text(String text, int max) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes(bytes, max);
    }

    private static void append(StringBuilder out, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        out.append((char) b);
                    } else {
                        out.append("\\x")
                                .append(Character.forDigit(b >> 4, 16))
                                .append(Character.forDigit(b & 0xF, 16));
                    }
                }
            }
        }
    }
}

package dev.wharf.protocol;

/**
 * Makes text writable in a format that cannot carry some characters: each one the format refuses becomes U+FFFD, so
 * that an answer is written whatever text its message repeats. A surrogate pair is always kept; an unpaired surrogate
 * is offered to the format's rule alone.
 */
public final class ReplacementText {

    /** Whether a format carries a character that is not part of a surrogate pair. */
    @FunctionalInterface
    public interface Allowed {
        boolean test(char c);
    }

    private ReplacementText() {}

    /** Returns {@code text}, itself when every character is allowed, else a copy with U+FFFD for each refused one. */
    public static String replacing(String text, Allowed allowed) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean kept = pair || allowed.test(c);
            if (!kept && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(kept ? c : '\uFFFD');
                if (pair) {
                    out.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }
}

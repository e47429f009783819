package dev.wharf.protocol.cbor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Checks that every text string of a CBOR data item is well-formed UTF-8, as RFC 8949 requires of a valid item.
 *
 * <p>Jackson's CBOR parser decodes short text strings without checking their continuation bytes, so a request could
 * hand the codec a string that its bytes never spelled: unpaired surrogates, which no encoder can write back, or other
 * characters than the client sent. A text string of indefinite length is checked chunk by chunk, since RFC 8949 lets no
 * character span two chunks. The walk is iterative and bounded by the body's length, whatever the item's nesting.
 */
final class CborTexts {

    private static final int BREAK = 0xFF;
    private static final int INDEFINITE = 31;

    /** Thrown for a body that is not one well-formed data item; the codec answers it as not valid CBOR. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] body;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private int at;

    private CborTexts(byte[] body) {
        this.body = body;
    }

    /**
     * Whether every text string in the data item at the start of {@code body} is well-formed UTF-8; what follows the
     * item is not read.
     *
     * @param maxDepth the deepest nesting of arrays and maps to walk; the parser has bounded it already
     * @throws MalformedException when the body does not hold one well-formed data item
     */
    static boolean allUtf8(byte[] body, int maxDepth) throws MalformedException {
        return new CborTexts(body).walk(maxDepth);
    }

    /** Walks the item with a stack of the items still due in each open array or map (-1: until a break). */
    private boolean walk(int maxDepth) throws MalformedException {
        long[] due = new long[maxDepth + 1];
        int depth = 0;
        due[0] = 1;
        while (depth >= 0) {
            if (due[depth] == 0) {
                depth--;
                continue;
            }
            int initial = next();
            if (initial == BREAK) {
                if (due[depth] >= 0) {
                    throw new MalformedException("a break outside an item of indefinite length");
                }
                depth--;
                continue;
            }
            if (due[depth] > 0) {
                due[depth]--;
            }
            int major = initial >>> 5;
            int info = initial & 0x1F;
            switch (major) {
                case 0, 1 -> argument(info);
                case 2 -> string(major, info);
                case 3 -> {
                    if (!string(major, info)) {
                        return false;
                    }
                }
                case 4, 5 -> {
                    long items = info == INDEFINITE ? -1 : items(argument(info), major == 5 ? 2 : 1);
                    if (items != 0) {
                        if (depth == maxDepth) {
                            throw new MalformedException("nested deeper than " + maxDepth);
                        }
                        due[++depth] = items;
                    }
                }
                case 6 -> {
                    argument(info);
                    // The tagged item follows, and counts as this one.
                    if (due[depth] >= 0) {
                        due[depth]++;
                    }
                }
                default -> simple(info);
            }
        }
        return true;
    }

    /** The items an array or map of {@code count} entries holds, each no shorter than a byte. */
    private long items(long count, int perEntry) throws MalformedException {
        if (count < 0 || count > body.length) {
            throw new MalformedException("more entries than the body has bytes");
        }
        return count * perEntry;
    }

    /** Skips a byte or text string, checking a text string's bytes; false when they are not UTF-8. */
    private boolean string(int major, int info) throws MalformedException {
        if (info != INDEFINITE) {
            return chunk(major, argument(info));
        }
        boolean valid = true;
        for (int initial = next(); initial != BREAK; initial = next()) {
            if (initial >>> 5 != major || (initial & 0x1F) == INDEFINITE) {
                throw new MalformedException("a chunk of another type in a string of indefinite length");
            }
            valid &= chunk(major, argument(initial & 0x1F));
        }
        return valid;
    }

    private boolean chunk(int major, long length) throws MalformedException {
        if (length < 0 || length > body.length - at) {
            throw new MalformedException("a string longer than the body");
        }
        int start = at;
        at += (int) length;
        if (major != 3) {
            return true;
        }
        try {
            utf8.reset().decode(ByteBuffer.wrap(body, start, (int) length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Skips a simple value or a float. */
    private void simple(int info) throws MalformedException {
        switch (info) {
            case 24 -> skip(1);
            case 25 -> skip(2);
            case 26 -> skip(4);
            case 27 -> skip(8);
            default -> {
                if (info > 27) {
                    throw new MalformedException("a reserved additional information " + info);
                }
            }
        }
    }

    /** The argument of an initial byte: the count, length or value that follows it (negative when over 2^63 - 1). */
    private long argument(int info) throws MalformedException {
        if (info < 24) {
            return info;
        }
        int bytes =
                switch (info) {
                    case 24 -> 1;
                    case 25 -> 2;
                    case 26 -> 4;
                    case 27 -> 8;
                    default -> throw new MalformedException("a reserved additional information " + info);
                };
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | next();
        }
        return value;
    }

    private void skip(int bytes) throws MalformedException {
        if (bytes > body.length - at) {
            throw new MalformedException("a value longer than the body");
        }
        at += bytes;
    }

    private int next() throws MalformedException {
        if (at >= body.length) {
            throw new MalformedException("the body ends inside an item");
        }
        return body[at++] & 0xFF;
    }
}

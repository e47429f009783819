package dev.wharf.protocol.sigv4;

import dev.wharf.common.CommonError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as SigV4 defines it (RFC 3986): every byte but the unreserved characters {@code A-Z a-z 0-9 - _ .
 * ~} is written {@code %XY} with upper-case hex digits.
 */
final class PercentCodec {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCodec() {}

    /** Encodes every byte but the unreserved ones; with {@code keepSlashes}, '/' is kept too, as in a path. */
    static String encode(byte[] bytes, boolean keepSlashes) {
        StringBuilder encoded = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || (keepSlashes && c == '/')) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >>> 4]).append(HEX[c & 0x0F]);
            }
        }
        return encoded.toString();
    }

    /** Encodes the UTF-8 bytes of a text. */
    static String encode(String text, boolean keepSlashes) {
        return encode(text.getBytes(StandardCharsets.UTF_8), keepSlashes);
    }

    /**
     * Decodes {@code %XY} escapes into bytes; every other character stands for its UTF-8 bytes, '+' included.
     *
     * @throws dev.wharf.common.AwsException MalformedQueryString for an incomplete or non-hex escape
     */
    static byte[] decode(String encoded) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw CommonError.MALFORMED_QUERY_STRING.with("Incomplete trailing escape % sequence");
                }
                int high = hexValue(encoded.charAt(i + 1));
                int low = hexValue(encoded.charAt(i + 2));
                if (high < 0 || low < 0) {
                    throw CommonError.MALFORMED_QUERY_STRING.with(
                            "Illegal hex character in escape % pattern: %" + encoded.substring(i + 1, i + 3));
                }
                decoded.write(high << 4 | low);
                i += 3;
            } else if (c < 0x80) {
                decoded.write(c);
                i++;
            } else {
                int end = i + Character.charCount(encoded.codePointAt(i));
                byte[] utf8 = encoded.substring(i, end).getBytes(StandardCharsets.UTF_8);
                decoded.write(utf8, 0, utf8.length);
                i = end;
            }
        }
        return decoded.toByteArray();
    }

    /** Decodes into text, for the values the verifier reads (credential, signed headers, dates). */
    static String decodeToString(String encoded) {
        return new String(decode(encoded), StandardCharsets.UTF_8);
    }

    /** Rewrites a query name or value into the one form that a signer encodes it to. */
    static String normalize(String encoded) {
        return encode(decode(encoded), false);
    }

    /** The value of an ASCII hex digit, or -1; {@link Character#digit} would also take other scripts' digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c == '.'
                || c == '~';
    }
}

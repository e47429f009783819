package dev.wharf.sns.engine.message;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads and writes the PEM text form of DER structures (RFC 7468): a labelled block of base64 in 64-column lines. */
final class Pem {

    private static final int LINE = 64;

    private Pem() {}

    static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(LINE, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /**
     * The DER bytes of the first block with this label.
     *
     * @throws IllegalArgumentException when the text holds no such block or its base64 is broken
     */
    static byte[] decode(String label, String text) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException("no PEM block labelled " + label);
        }
        String body = text.substring(from + begin.length(), to);
        return Base64.getMimeDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
    }
}

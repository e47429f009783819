package dev.wharf.protocol.sigv4;

import dev.wharf.common.AwsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an {@code aws-chunked} body into the bytes it carries, and checks each chunk's signature and the trailers'
 * signature as it goes.
 *
 * <p>The framing is {@code hex-size[;chunk-signature=sig]\r\n data \r\n}, repeated, then a chunk of size 0, then
 * optional trailer lines {@code name:value\r\n} (the last being {@code x-amz-trailer-signature} when the trailers are
 * signed) and an empty line.
 *
 * <p>A chunk's bytes are handed out before its signature can be checked, which happens when its end is read: a fault
 * therefore surfaces before the end of the stream, and a reader must not commit anything before it reads the end.
 * Faults are {@link IOException}s whose cause is the {@link AwsException}. Not thread-safe.
 */
final class AwsChunkedDecoder extends InputStream {

    /** The largest chunk accepted; the SDKs send 64 KiB or 128 KiB chunks, and S3 allows a few MiB. */
    static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;

    /** The longest chunk header or trailer line. */
    static final int MAX_LINE_LENGTH = 4096;

    /** The most trailer lines, the signature included. */
    static final int MAX_TRAILERS = 16;

    static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final HexFormat HEX = HexFormat.of();

    private final InputStream raw;
    private final PayloadSigning.Mode mode;
    private final PayloadSigning.@Nullable ChunkSigning signing;
    private final MessageDigest chunkDigest = S3ChecksumAlgorithm.messageDigest("SHA-256");
    private final Map<String, String> trailers = new TreeMap<>();

    private @Nullable String previousSignature;
    private @Nullable String chunkSignature;
    private long remaining;
    private boolean inChunk;
    private boolean done;
    private @Nullable IOException failure;

    AwsChunkedDecoder(InputStream raw, PayloadSigning signing) {
        if (!signing.mode().chunked()) {
            throw new IllegalArgumentException("not an aws-chunked mode: " + signing.mode());
        }
        this.raw = raw;
        this.mode = signing.mode();
        this.signing = signing.chunks();
        this.previousSignature = this.signing == null ? null : this.signing.seedSignature();
    }

    /** The trailers by lower-case name, without the trailer signature; complete once the end has been read. */
    Map<String, String> trailers() {
        return trailers;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (length == 0) {
            return 0;
        }
        try {
            return readChunked(buffer, offset, length);
        } catch (AwsException e) {
            failure = new IOException(e.getMessage(), e);
            throw failure;
        }
    }

    private int readChunked(byte[] buffer, int offset, int length) throws IOException {
        while (!done) {
            if (remaining > 0) {
                int n = raw.read(buffer, offset, (int) Math.min(length, remaining));
                if (n < 0) {
                    throw SignedPayload.incompleteBody();
                }
                chunkDigest.update(buffer, offset, n);
                remaining -= n;
                return n;
            }
            if (inChunk) {
                expectLineEnd();
                checkChunkSignature();
                inChunk = false;
            }
            readChunkHeader();
            if (remaining == 0) {
                checkChunkSignature();
                readTrailers();
                done = true;
            } else {
                inChunk = true;
            }
        }
        return -1;
    }

    private void readChunkHeader() throws IOException {
        String line = readLine();
        if (line == null) {
            throw SignedPayload.incompleteBody();
        }
        int semicolon = line.indexOf(';');
        String size = semicolon < 0 ? line : line.substring(0, semicolon);
        remaining = parseSize(size.strip());
        chunkSignature = null;
        if (semicolon >= 0) {
            String extension = line.substring(semicolon + 1).strip();
            if (extension.startsWith(CHUNK_SIGNATURE)) {
                chunkSignature = extension.substring(CHUNK_SIGNATURE.length());
            }
        }
        if (mode.signedChunks() && chunkSignature == null) {
            throw malformed("a chunk lacks its chunk-signature");
        }
    }

    private static long parseSize(String size) {
        if (size.isEmpty() || size.length() > 8) {
            throw malformed("invalid chunk size '" + size + "'");
        }
        long value;
        try {
            value = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw malformed("invalid chunk size '" + size + "'");
        }
        if (value > MAX_CHUNK_SIZE) {
            throw malformed("a chunk of " + value + " bytes is larger than " + MAX_CHUNK_SIZE);
        }
        return value;
    }

    /** Checks the signature of the chunk just read, which chains from the previous one. */
    private void checkChunkSignature() {
        String hash = HEX.formatHex(chunkDigest.digest());
        if (signing == null || chunkSignature == null) {
            return;
        }
        String provided = chunkSignature;
        check(
                "AWS4-HMAC-SHA256-PAYLOAD\n" + signing.requestTime() + '\n' + signing.scope() + '\n' + previousSignature
                        + '\n' + EMPTY_SHA256 + '\n' + hash,
                provided);
        previousSignature = provided;
    }

    private void check(String stringToSign, String provided) {
        byte[] key = signing == null ? null : signing.signingKey();
        if (key == null) {
            return;
        }
        String expected = HEX.formatHex(SigningKeys.hmacSha256(key, stringToSign));
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), provided.getBytes(StandardCharsets.US_ASCII))) {
            throw S3RequestError.SIGNATURE_DOES_NOT_MATCH.with(SigV4Verifier.S3_SIGNATURE_MISMATCH_MESSAGE);
        }
    }

    /** Reads the trailer lines up to the empty line, or to the end of the body, which some clients send instead. */
    private void readTrailers() throws IOException {
        String trailerSignature = null;
        for (int count = 0; ; count++) {
            String line = readLine();
            if (line == null || line.isEmpty()) {
                break;
            }
            if (count == MAX_TRAILERS) {
                throw malformed("more than " + MAX_TRAILERS + " trailers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("a trailer is not 'name:value'");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals(TRAILER_SIGNATURE)) {
                trailerSignature = value;
            } else if (trailerSignature != null || trailers.put(name, value) != null) {
                throw malformed("a trailer is repeated or follows the trailer signature");
            }
        }
        if (mode == PayloadSigning.Mode.STREAMING_SIGNED_TRAILER) {
            if (trailerSignature == null) {
                throw malformed("the trailers lack their x-amz-trailer-signature");
            }
            checkTrailerSignature(trailerSignature);
        }
    }

    private void checkTrailerSignature(String provided) {
        if (signing == null) {
            return;
        }
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> trailer : trailers.entrySet()) {
            canonical
                    .append(trailer.getKey())
                    .append(':')
                    .append(trailer.getValue())
                    .append('\n');
        }
        String hash = SigV4Verifier.sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
        check(
                "AWS4-HMAC-SHA256-TRAILER\n" + signing.requestTime() + '\n' + signing.scope() + '\n' + previousSignature
                        + '\n' + hash,
                provided);
    }

    private void expectLineEnd() throws IOException {
        int cr = raw.read();
        int lf = cr < 0 ? -1 : raw.read();
        if (cr < 0 || lf < 0) {
            throw SignedPayload.incompleteBody();
        }
        if (cr != '\r' || lf != '\n') {
            throw malformed("a chunk's data is not followed by CRLF");
        }
    }

    /** A line up to CRLF, without it; null at the end of the body before any byte of a line. */
    private @Nullable String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        while (true) {
            int b = raw.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw SignedPayload.incompleteBody();
            }
            if (b == '\r') {
                if (raw.read() != '\n') {
                    throw malformed("a line ends with CR without LF");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == MAX_LINE_LENGTH) {
                throw malformed("a line is longer than " + MAX_LINE_LENGTH + " bytes");
            }
            line.write(b);
        }
    }

    private static AwsException malformed(String detail) {
        return S3RequestError.INVALID_REQUEST.with("The aws-chunked body is malformed: " + detail + ".");
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}

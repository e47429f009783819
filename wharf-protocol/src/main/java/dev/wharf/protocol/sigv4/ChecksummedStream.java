package dev.wharf.protocol.sigv4;

import dev.wharf.common.AwsException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The decoded body of an S3 request, which checks its declared hash, length and checksums as it is read and keeps the
 * checksums it computed, for the object's ETag and its stored checksums.
 *
 * <p>A fault is an {@link IOException} whose cause is the {@link AwsException} to answer; it is thrown again by every
 * later read. The checks on the whole body run when the end is read, so a reader must read to the end (until {@code
 * read} returns -1) before it commits the object. Not thread-safe.
 */
public final class ChecksummedStream extends InputStream {

    /** What the body must match when its end is read. */
    record Expected(
            long decodedLength,
            @Nullable String sha256Hex,
            byte @Nullable [] contentMd5,
            @Nullable S3ChecksumAlgorithm headerAlgorithm,
            byte @Nullable [] headerChecksum,
            @Nullable S3ChecksumAlgorithm trailerAlgorithm) {}

    private static final HexFormat HEX = HexFormat.of();

    private final InputStream decoded;
    private final @Nullable AwsChunkedDecoder chunked;
    private final Expected expected;
    private final MessageDigest md5 = S3ChecksumAlgorithm.messageDigest("MD5");
    private final @Nullable MessageDigest sha256;
    private final Map<S3ChecksumAlgorithm, S3ChecksumAlgorithm.Digester> digesters =
            new EnumMap<>(S3ChecksumAlgorithm.class);
    private final Map<String, String> checksums = new LinkedHashMap<>();

    private long length;
    private byte @Nullable [] md5Result;
    private @Nullable IOException failure;

    ChecksummedStream(
            InputStream decoded,
            @Nullable AwsChunkedDecoder chunked,
            Expected expected,
            Iterable<S3ChecksumAlgorithm> algorithms) {
        this.decoded = decoded;
        this.chunked = chunked;
        this.expected = expected;
        this.sha256 = expected.sha256Hex() == null ? null : S3ChecksumAlgorithm.messageDigest("SHA-256");
        for (S3ChecksumAlgorithm algorithm : algorithms) {
            digesters.put(algorithm, algorithm.digester());
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (md5Result != null) {
            return -1;
        }
        if (count == 0) {
            return 0;
        }
        try {
            long declared = expected.decodedLength();
            if (declared >= 0 && length == declared) {
                // Every declared byte is in: the body must end here, and a byte more is never handed out.
                if (decoded.read() >= 0) {
                    throw SignedPayload.incompleteBody();
                }
                finish();
                return -1;
            }
            int n = decoded.read(buffer, offset, declared < 0 ? count : (int) Math.min(count, declared - length));
            if (n < 0) {
                finish();
                return -1;
            }
            update(buffer, offset, n);
            return n;
        } catch (AwsException e) {
            failure = new IOException(e.getMessage(), e);
            throw failure;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void update(byte[] buffer, int offset, int n) {
        length += n;
        md5.update(buffer, offset, n);
        if (sha256 != null) {
            sha256.update(buffer, offset, n);
        }
        for (S3ChecksumAlgorithm.Digester digester : digesters.values()) {
            digester.update(buffer, offset, n);
        }
    }

    /** The checks on the whole body, in the order S3 makes them. */
    private void finish() {
        if (expected.decodedLength() >= 0 && length != expected.decodedLength()) {
            throw SignedPayload.incompleteBody();
        }
        if (sha256 != null && !HEX.formatHex(sha256.digest()).equals(expected.sha256Hex())) {
            throw S3RequestError.X_AMZ_CONTENT_SHA256_MISMATCH.with(
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        byte[] computedMd5 = md5.digest();
        byte[] contentMd5 = expected.contentMd5();
        if (contentMd5 != null && !MessageDigest.isEqual(contentMd5, computedMd5)) {
            throw S3RequestError.BAD_DIGEST.with("The Content-MD5 you specified did not match what we received.");
        }
        Map<S3ChecksumAlgorithm, byte[]> results = new EnumMap<>(S3ChecksumAlgorithm.class);
        for (Map.Entry<S3ChecksumAlgorithm, S3ChecksumAlgorithm.Digester> digester : digesters.entrySet()) {
            results.put(digester.getKey(), digester.getValue().result());
        }
        checkChecksum(results, expected.headerAlgorithm(), expected.headerChecksum());
        S3ChecksumAlgorithm trailerAlgorithm = expected.trailerAlgorithm();
        if (trailerAlgorithm != null && chunked != null) {
            String value = chunked.trailers().get(trailerAlgorithm.headerName());
            if (value == null) {
                throw S3RequestError.INVALID_REQUEST.with(
                        "The body's trailers lack " + trailerAlgorithm.headerName() + ", which x-amz-trailer names.");
            }
            checkChecksum(results, trailerAlgorithm, SignedPayload.decodeChecksum(trailerAlgorithm, value));
        }
        for (Map.Entry<S3ChecksumAlgorithm, byte[]> result : results.entrySet()) {
            checksums.put(result.getKey().name(), Base64.getEncoder().encodeToString(result.getValue()));
        }
        md5Result = computedMd5;
    }

    private static void checkChecksum(
            Map<S3ChecksumAlgorithm, byte[]> results,
            @Nullable S3ChecksumAlgorithm algorithm,
            byte @Nullable [] declared) {
        if (algorithm == null || declared == null) {
            return;
        }
        byte[] computed = results.get(algorithm);
        if (computed == null || !MessageDigest.isEqual(computed, declared)) {
            throw S3RequestError.BAD_DIGEST.with(
                    "The " + algorithm.name() + " you specified did not match the calculated checksum.");
        }
    }

    /** True once the end has been read and every check passed. */
    public boolean complete() {
        return md5Result != null;
    }

    /**
     * The checksums computed over the decoded body, by S3's algorithm name ({@code CRC32}, {@code CRC64NVME}, ...),
     * each in base64 as S3 returns it: the one the request declared, or {@code CRC64NVME}, which S3 computes when none
     * is declared.
     *
     * @throws IllegalStateException before the end has been read
     */
    public Map<String, String> checksums() {
        requireComplete();
        return Map.copyOf(checksums);
    }

    /**
     * The MD5 of the decoded body, of which a single-part object's ETag is the hex.
     *
     * @throws IllegalStateException before the end has been read
     */
    public byte[] md5() {
        return requireComplete().clone();
    }

    /** The MD5 in lower-case hex, as S3 writes it in a single-part ETag. */
    public String md5Hex() {
        return HEX.formatHex(requireComplete());
    }

    /** How many decoded bytes have been read. */
    public long decodedLength() {
        return length;
    }

    private byte[] requireComplete() {
        byte[] result = md5Result;
        if (result == null) {
            throw new IllegalStateException("the body has not been read to its end");
        }
        return result;
    }

    @Override
    public void close() throws IOException {
        decoded.close();
    }
}

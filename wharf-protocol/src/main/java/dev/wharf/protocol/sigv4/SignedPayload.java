package dev.wharf.protocol.sigv4;

import dev.wharf.common.AwsException;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Opens an S3 request's body as the stream of its decoded bytes, which checks as it is read what the head declared and
 * {@link SigV4Verifier#verifySigned} verified: the {@code x-amz-content-sha256}, the aws-chunked framing with its chunk
 * and trailer signatures, the decoded length, {@code Content-MD5} and the {@code x-amz-checksum-*} header or trailer.
 */
public final class SignedPayload {

    private static final int BUFFER_SIZE = 8192;

    private SignedPayload() {}

    /**
     * The decoded body of a request whose head was verified.
     *
     * @param raw the body as it arrives on the wire, after the transport's own framing; closed with the result
     * @param request the request's head, as verified
     * @param signing how the body is signed, from {@link SigV4Verifier.Verified#signing()}
     * @return the decoded body, which throws {@link java.io.IOException} with the {@link AwsException} as cause on a
     *     fault: IncompleteBody, InvalidRequest (malformed aws-chunked framing), SignatureDoesNotMatch (a chunk or
     *     trailer signature), XAmzContentSHA256Mismatch, BadDigest
     * @throws AwsException when the head's digests are malformed: InvalidDigest (Content-MD5), InvalidRequest (an
     *     {@code x-amz-checksum-*} value, several of them, an {@code x-amz-sdk-checksum-algorithm} that names another
     *     algorithm, or an unsupported {@code x-amz-trailer}), InvalidArgument
     *     ({@code x-amz-decoded-content-length})
     */
    public static ChecksummedStream open(InputStream raw, SignedRequest request, PayloadSigning signing) {
        byte[] contentMd5 = contentMd5(request);
        S3ChecksumAlgorithm headerAlgorithm = null;
        byte[] headerChecksum = null;
        List<S3ChecksumAlgorithm> inHeaders = checksumHeaders(request.headers());
        if (inHeaders.size() > 1) {
            throw S3RequestError.INVALID_REQUEST.with(
                    "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
        }
        if (!inHeaders.isEmpty()) {
            headerAlgorithm = inHeaders.get(0);
            headerChecksum = decodeChecksum(headerAlgorithm, request.firstHeader(headerAlgorithm.headerName()));
        }
        boolean chunked = signing.mode().chunked();
        S3ChecksumAlgorithm trailerAlgorithm = chunked ? trailerAlgorithm(request) : null;
        Set<S3ChecksumAlgorithm> algorithms = EnumSet.noneOf(S3ChecksumAlgorithm.class);
        addIfPresent(algorithms, headerAlgorithm);
        addIfPresent(algorithms, trailerAlgorithm);
        addIfPresent(algorithms, sdkAlgorithm(request, headerAlgorithm));
        if (algorithms.isEmpty()) {
            // S3 computes a CRC64NVME of every object that declares no checksum.
            algorithms.add(S3ChecksumAlgorithm.CRC64NVME);
        }
        long decodedLength = length(request, chunked ? "x-amz-decoded-content-length" : "content-length");
        ChecksummedStream.Expected expected = new ChecksummedStream.Expected(
                decodedLength, signing.sha256Hex(), contentMd5, headerAlgorithm, headerChecksum, trailerAlgorithm);
        if (!chunked) {
            return new ChecksummedStream(raw, null, expected, algorithms);
        }
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(new BufferedInputStream(raw, BUFFER_SIZE), signing);
        return new ChecksummedStream(decoder, decoder, expected, algorithms);
    }

    private static void addIfPresent(Set<S3ChecksumAlgorithm> algorithms, @Nullable S3ChecksumAlgorithm algorithm) {
        if (algorithm != null) {
            algorithms.add(algorithm);
        }
    }

    /**
     * The algorithm that {@code x-amz-sdk-checksum-algorithm} names, which must be the one of the checksum header when
     * there is one.
     */
    private static @Nullable S3ChecksumAlgorithm sdkAlgorithm(
            SignedRequest request, @Nullable S3ChecksumAlgorithm headerAlgorithm) {
        String name = request.firstHeader("x-amz-sdk-checksum-algorithm");
        if (name == null) {
            return null;
        }
        S3ChecksumAlgorithm algorithm = S3ChecksumAlgorithm.ofName(name.strip());
        if (algorithm == null || (headerAlgorithm != null && algorithm != headerAlgorithm)) {
            throw S3RequestError.INVALID_REQUEST.with("Value for x-amz-sdk-checksum-algorithm header is invalid.");
        }
        return algorithm;
    }

    private static byte @Nullable [] contentMd5(SignedRequest request) {
        String header = request.firstHeader("content-md5");
        if (header == null) {
            return null;
        }
        byte[] md5 = base64(header.strip());
        if (md5 == null || md5.length != 16) {
            throw S3RequestError.INVALID_DIGEST.with("The Content-MD5 you specified was invalid.");
        }
        return md5;
    }

    private static List<S3ChecksumAlgorithm> checksumHeaders(Map<String, List<String>> headers) {
        List<S3ChecksumAlgorithm> found = new ArrayList<>(1);
        for (S3ChecksumAlgorithm algorithm : S3ChecksumAlgorithm.values()) {
            if (headers.containsKey(algorithm.headerName())) {
                found.add(algorithm);
            }
        }
        return found;
    }

    private static @Nullable S3ChecksumAlgorithm trailerAlgorithm(SignedRequest request) {
        String trailer = request.firstHeader("x-amz-trailer");
        if (trailer == null || trailer.isBlank()) {
            return null;
        }
        S3ChecksumAlgorithm algorithm = S3ChecksumAlgorithm.ofHeader(trailer.strip());
        if (algorithm == null) {
            throw S3RequestError.INVALID_REQUEST.with(
                    "The value specified in the x-amz-trailer header is not supported");
        }
        return algorithm;
    }

    /**
     * The bytes of a checksum as a header or trailer writes it, in base64.
     *
     * @throws AwsException InvalidRequest unless it is the base64 of a checksum of the algorithm's length
     */
    static byte[] decodeChecksum(S3ChecksumAlgorithm algorithm, @Nullable String value) {
        byte[] checksum = value == null ? null : base64(value.strip());
        if (checksum == null || checksum.length != algorithm.length()) {
            throw S3RequestError.INVALID_REQUEST.with("Value for " + algorithm.headerName() + " header is invalid.");
        }
        return checksum;
    }

    private static byte @Nullable [] base64(String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long length(SignedRequest request, String header) {
        String value = request.firstHeader(header);
        if (value == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.strip());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // Answered below, as a negative length is.
        }
        throw S3RequestError.INVALID_ARGUMENT.with("Invalid " + header + ": '" + value + "'");
    }

    static AwsException incompleteBody() {
        return S3RequestError.INCOMPLETE_BODY.with("The request body terminated unexpectedly");
    }
}

package dev.wharf.protocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

class SignedPayloadTest {

    private static final String ACCESS_KEY_ID = "AKIAWHARFEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant SIGNED_AT = Instant.parse("2025-01-01T12:00:00Z");
    private static final String URI = "https://localhost:4566/bucket/key";
    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.UTF_8);
    /** Larger than the SDK's 128 KiB chunks, so that the body is several chunks and a partial last one. */
    private static final byte[] LARGE = randomBytes(300_000);

    private static final Pattern CHUNK_SIGNATURE = Pattern.compile("chunk-signature=([0-9a-f]{64})");

    private final S3SdkSigner sdk = new S3SdkSigner(ACCESS_KEY_ID, SECRET, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    private final SigV4Verifier verifier = new SigV4Verifier(
            new StaticCredentialStore(List.of(new Credential(ACCESS_KEY_ID, SECRET, "123456789012"))),
            Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

    /** A request as received, verified: its head, what the verifier returned, and its body as on the wire. */
    private record Signed(SignedRequest head, PayloadSigning signing, byte[] wire) {}

    @Test
    void decodesBodyWithSignedHashAndComputesItsChecksums() throws IOException {
        Signed put = put(LARGE, S3SdkSigner.Body.SIGNED, DefaultChecksumAlgorithm.CRC32);

        ChecksummedStream body = open(put);

        assertThat(body.readAllBytes()).isEqualTo(LARGE);
        assertThat(body.checksums()).isEqualTo(Map.of("CRC32", header(put, "x-amz-checksum-crc32")));
        assertThat(body.md5()).isEqualTo(md5(LARGE));
        assertThat(body.md5Hex()).isEqualTo(HexFormat.of().formatHex(md5(LARGE)));
        assertThat(body.decodedLength()).isEqualTo(LARGE.length);
    }

    @Test
    void rejectsBodyThatDiffersFromSignedHash() {
        Signed put = put(HELLO, S3SdkSigner.Body.SIGNED, null);

        assertFault(
                () -> open(put, flip(put.wire(), 3)).readAllBytes(),
                S3RequestError.X_AMZ_CONTENT_SHA256_MISMATCH,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    @Test
    void computesCrc64NvmeWhenNoChecksumIsDeclared() throws IOException {
        Signed put = put(HELLO, S3SdkSigner.Body.UNSIGNED, null);
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(HELLO, 0, HELLO.length);

        ChecksummedStream body = open(put);

        assertThat(body.readAllBytes()).isEqualTo(HELLO);
        assertThat(body.checksums())
                .isEqualTo(Map.of(
                        "CRC64NVME",
                        Base64.getEncoder()
                                .encodeToString(java.nio.ByteBuffer.allocate(8)
                                        .putLong(crc.getValue())
                                        .array())));
    }

    @ParameterizedTest
    @EnumSource(
            value = S3ChecksumAlgorithm.class,
            names = {"CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"})
    void checksChecksumHeaderOfUnsignedPayload(S3ChecksumAlgorithm algorithm) throws IOException {
        Signed put = put(LARGE, S3SdkSigner.Body.UNSIGNED, sdkAlgorithm(algorithm));
        String declared = header(put, algorithm.headerName());

        ChecksummedStream body = open(put);

        assertThat(body.readAllBytes()).isEqualTo(LARGE);
        assertThat(body.checksums()).isEqualTo(Map.of(algorithm.name(), declared));
        assertFault(
                () -> open(put, flip(put.wire(), 200_000)).readAllBytes(),
                S3RequestError.BAD_DIGEST,
                "The " + algorithm.name() + " you specified did not match the calculated checksum.");
    }

    @Test
    void decodesChunkedSignedBody() throws IOException {
        Signed put = put(LARGE, S3SdkSigner.Body.CHUNKED_SIGNED, null);

        assertThat(put.signing().mode()).isEqualTo(PayloadSigning.Mode.STREAMING_SIGNED);
        assertThat(chunkSignatures(put.wire())).hasSize(4);
        ChecksummedStream body = open(put);
        assertThat(body.readAllBytes()).isEqualTo(LARGE);
        assertThat(body.md5()).isEqualTo(md5(LARGE));
        assertThat(body.checksums()).containsOnlyKeys("CRC64NVME");
    }

    @Test
    void decodesEmptyChunkedSignedBody() throws IOException {
        Signed put = put(new byte[0], S3SdkSigner.Body.CHUNKED_SIGNED, null);

        ChecksummedStream body = open(put);

        assertThat(body.readAllBytes()).isEmpty();
        assertThat(body.md5()).isEqualTo(md5(new byte[0]));
    }

    @ParameterizedTest
    @EnumSource(
            value = S3ChecksumAlgorithm.class,
            names = {"CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"})
    void decodesChunkedSignedBodyWithSignedChecksumTrailer(S3ChecksumAlgorithm algorithm) throws IOException {
        Signed put = put(LARGE, S3SdkSigner.Body.CHUNKED_SIGNED, sdkAlgorithm(algorithm));

        assertThat(put.signing().mode()).isEqualTo(PayloadSigning.Mode.STREAMING_SIGNED_TRAILER);
        ChecksummedStream body = open(put);
        assertThat(body.readAllBytes()).isEqualTo(LARGE);
        assertThat(body.checksums()).isEqualTo(Map.of(algorithm.name(), trailerValue(put, algorithm)));
    }

    @Test
    void decodesUnsignedTrailerBody() throws IOException {
        Signed put = put(LARGE, S3SdkSigner.Body.CHUNKED_UNSIGNED, DefaultChecksumAlgorithm.CRC32);

        assertThat(put.signing().mode()).isEqualTo(PayloadSigning.Mode.STREAMING_UNSIGNED_TRAILER);
        ChecksummedStream body = open(put);
        assertThat(body.readAllBytes()).isEqualTo(LARGE);
        assertThat(body.checksums()).isEqualTo(Map.of("CRC32", crc32Base64(LARGE)));
    }

    @Test
    void rejectsChangedByteOfSignedChunk() {
        Signed put = put(LARGE, S3SdkSigner.Body.CHUNKED_SIGNED, null);
        int firstData = indexOf(put.wire(), "\r\n") + 2;

        assertFault(
                () -> open(put, flip(put.wire(), firstData + 10)).readAllBytes(),
                S3RequestError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.S3_SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void rejectsChangedChunkSignature() {
        Signed put = put(LARGE, S3SdkSigner.Body.CHUNKED_SIGNED, null);
        String second = chunkSignatures(put.wire()).get(1);

        byte[] tampered = replace(put.wire(), second, flipHex(second));

        assertFault(
                () -> open(put, tampered).readAllBytes(),
                S3RequestError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.S3_SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void rejectsChangedFinalChunkSignature() {
        Signed put = put(HELLO, S3SdkSigner.Body.CHUNKED_SIGNED, null);
        List<String> signatures = chunkSignatures(put.wire());
        String last = signatures.get(signatures.size() - 1);

        assertFault(
                () -> open(put, replace(put.wire(), last, flipHex(last))).readAllBytes(),
                S3RequestError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.S3_SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void rejectsChangedSignedTrailer() {
        Signed put = put(HELLO, S3SdkSigner.Body.CHUNKED_SIGNED, DefaultChecksumAlgorithm.CRC32);
        String value = trailerValue(put, S3ChecksumAlgorithm.CRC32);
        String other = crc32Base64("other".getBytes(StandardCharsets.UTF_8));

        assertFault(
                () -> open(put, replace(put.wire(), value, other)).readAllBytes(),
                S3RequestError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.S3_SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void rejectsChangedTrailerSignature() {
        Signed put = put(HELLO, S3SdkSigner.Body.CHUNKED_SIGNED, DefaultChecksumAlgorithm.CRC32);
        String wire = new String(put.wire(), StandardCharsets.ISO_8859_1);
        Matcher signature =
                Pattern.compile("x-amz-trailer-signature:([0-9a-f]{64})").matcher(wire);
        assertThat(signature.find()).isTrue();

        assertFault(
                () -> open(put, replace(put.wire(), signature.group(1), flipHex(signature.group(1))))
                        .readAllBytes(),
                S3RequestError.SIGNATURE_DOES_NOT_MATCH,
                SigV4Verifier.S3_SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void rejectsChangedChecksumInUnsignedTrailer() {
        Signed put = put(HELLO, S3SdkSigner.Body.CHUNKED_UNSIGNED, DefaultChecksumAlgorithm.CRC32);
        String value = trailerValue(put, S3ChecksumAlgorithm.CRC32);
        String other = crc32Base64("other".getBytes(StandardCharsets.UTF_8));

        assertFault(
                () -> open(put, replace(put.wire(), value, other)).readAllBytes(),
                S3RequestError.BAD_DIGEST,
                "The CRC32 you specified did not match the calculated checksum.");
    }

    @Test
    void rejectsChangedByteOfUnsignedTrailerBody() {
        Signed put = put(LARGE, S3SdkSigner.Body.CHUNKED_UNSIGNED, DefaultChecksumAlgorithm.CRC32);

        assertFault(
                () -> open(put, flip(put.wire(), 1000)).readAllBytes(),
                S3RequestError.BAD_DIGEST,
                "The CRC32 you specified did not match the calculated checksum.");
    }

    @Test
    void rejectsTruncatedChunkedBodyWithIncompleteBody() {
        Signed put = put(LARGE, S3SdkSigner.Body.CHUNKED_SIGNED, null);

        assertFault(
                () -> open(put, Arrays.copyOf(put.wire(), 200_000)).readAllBytes(),
                S3RequestError.INCOMPLETE_BODY,
                "The request body terminated unexpectedly");
    }

    @Test
    void rejectsDecodedLengthOtherThanDeclaredWithIncompleteBody() {
        Signed put = put(HELLO, S3SdkSigner.Body.CHUNKED_UNSIGNED, DefaultChecksumAlgorithm.CRC32);
        SignedRequest longer = S3SignatureTest.withHeader(put.head(), "x-amz-decoded-content-length", "12");
        SignedRequest shorter = S3SignatureTest.withHeader(put.head(), "x-amz-decoded-content-length", "10");

        assertFault(
                () -> SignedPayload.open(new ByteArrayInputStream(put.wire()), longer, put.signing())
                        .readAllBytes(),
                S3RequestError.INCOMPLETE_BODY,
                "The request body terminated unexpectedly");
        assertFault(
                () -> SignedPayload.open(new ByteArrayInputStream(put.wire()), shorter, put.signing())
                        .readAllBytes(),
                S3RequestError.INCOMPLETE_BODY,
                "The request body terminated unexpectedly");
    }

    @Test
    void rejectsBodyShorterThanContentLengthWithIncompleteBody() {
        Signed put = put(HELLO, S3SdkSigner.Body.UNSIGNED, null);

        assertFault(
                () -> open(put, Arrays.copyOf(put.wire(), 5)).readAllBytes(),
                S3RequestError.INCOMPLETE_BODY,
                "The request body terminated unexpectedly");
    }

    @Test
    void decodesChunkedBodyReadOneByteAtATime() throws IOException {
        byte[] data = Arrays.copyOf(LARGE, 140_000);
        Signed put = put(data, S3SdkSigner.Body.CHUNKED_SIGNED, DefaultChecksumAlgorithm.SHA256);
        ChecksummedStream body = open(put);
        java.io.ByteArrayOutputStream decoded = new java.io.ByteArrayOutputStream();

        for (int b = body.read(); b >= 0; b = body.read()) {
            decoded.write(b);
        }

        assertThat(decoded.toByteArray()).isEqualTo(data);
        assertThat(body.complete()).isTrue();
        assertThat(body.checksums()).isEqualTo(Map.of("SHA256", trailerValue(put, S3ChecksumAlgorithm.SHA256)));
    }

    @Test
    void rejectsMalformedChunkSize() {
        Signed put = put(HELLO, S3SdkSigner.Body.CHUNKED_UNSIGNED, DefaultChecksumAlgorithm.CRC32);

        assertFaultCode(
                () -> open(put, replace(put.wire(), "b\r\n", "zz\r\n")).readAllBytes(), S3RequestError.INVALID_REQUEST);
    }

    @Test
    void rejectsChunkLargerThanSixteenMebibytes() {
        Signed put = put(HELLO, S3SdkSigner.Body.CHUNKED_UNSIGNED, DefaultChecksumAlgorithm.CRC32);

        assertFaultCode(
                () -> open(put, replace(put.wire(), "b\r\n", "1000001\r\n")).readAllBytes(),
                S3RequestError.INVALID_REQUEST);
    }

    @Test
    void rejectsChunkDataNotFollowedByCrlf() {
        Signed put = put(HELLO, S3SdkSigner.Body.CHUNKED_UNSIGNED, DefaultChecksumAlgorithm.CRC32);

        assertFaultCode(
                () -> open(put, replace(put.wire(), "hello world\r\n", "hello worldXX"))
                        .readAllBytes(),
                S3RequestError.INVALID_REQUEST);
    }

    @Test
    void rejectsSignedChunkWithoutSignature() {
        Signed put = put(HELLO, S3SdkSigner.Body.CHUNKED_SIGNED, null);
        String first = chunkSignatures(put.wire()).get(0);

        assertFaultCode(
                () -> open(put, replace(put.wire(), ";chunk-signature=" + first, ""))
                        .readAllBytes(),
                S3RequestError.INVALID_REQUEST);
    }

    @Test
    void acceptsAnySignatureDecodesButDoesNotCheckChunkSignatures() throws IOException {
        Signed put = put(LARGE, S3SdkSigner.Body.CHUNKED_SIGNED, DefaultChecksumAlgorithm.CRC32);
        String second = chunkSignatures(put.wire()).get(1);
        SigV4Verifier acceptAny =
                new SigV4Verifier(new StaticCredentialStore(List.of()), Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        PayloadSigning signing = acceptAny.verifySigned(put.head(), "s3").signing();

        ChecksummedStream body = SignedPayload.open(
                new ByteArrayInputStream(replace(put.wire(), second, flipHex(second))), put.head(), signing);

        assertThat(body.readAllBytes()).isEqualTo(LARGE);
        assertThat(body.checksums()).isEqualTo(Map.of("CRC32", crc32Base64(LARGE)));
    }

    @Test
    void checksContentMd5() throws IOException {
        Signed put = put(HELLO, S3SdkSigner.Body.UNSIGNED, null);
        SignedRequest right = S3SignatureTest.withHeader(
                put.head(), "content-md5", Base64.getEncoder().encodeToString(md5(HELLO)));
        SignedRequest wrong = S3SignatureTest.withHeader(
                put.head(), "content-md5", Base64.getEncoder().encodeToString(md5(LARGE)));

        assertThat(SignedPayload.open(new ByteArrayInputStream(HELLO), right, put.signing())
                        .readAllBytes())
                .isEqualTo(HELLO);
        assertFault(
                () -> SignedPayload.open(new ByteArrayInputStream(HELLO), wrong, put.signing())
                        .readAllBytes(),
                S3RequestError.BAD_DIGEST,
                "The Content-MD5 you specified did not match what we received.");
    }

    @Test
    void rejectsInvalidContentMd5WithInvalidDigestWhenOpened() {
        Signed put = put(HELLO, S3SdkSigner.Body.UNSIGNED, null);

        for (String invalid : List.of("not base64!", Base64.getEncoder().encodeToString(new byte[15]))) {
            SignedRequest request = S3SignatureTest.withHeader(put.head(), "content-md5", invalid);
            assertThatThrownBy(() -> SignedPayload.open(new ByteArrayInputStream(HELLO), request, put.signing()))
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo(S3RequestError.INVALID_DIGEST);
                        assertThat(e.getMessage()).isEqualTo("The Content-MD5 you specified was invalid.");
                    });
        }
    }

    @Test
    void rejectsInvalidChecksumHeaderAndSeveralOfThemWhenOpened() {
        Signed put = put(HELLO, S3SdkSigner.Body.UNSIGNED, DefaultChecksumAlgorithm.CRC32);
        SignedRequest invalid = S3SignatureTest.withHeader(put.head(), "x-amz-checksum-crc32", "AAAA");
        SignedRequest several = S3SignatureTest.withHeader(
                put.head(), "x-amz-checksum-sha1", Base64.getEncoder().encodeToString(new byte[20]));

        assertThatThrownBy(() -> SignedPayload.open(new ByteArrayInputStream(HELLO), invalid, put.signing()))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(S3RequestError.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("Value for x-amz-checksum-crc32 header is invalid.");
                });
        assertThatThrownBy(() -> SignedPayload.open(new ByteArrayInputStream(HELLO), several, put.signing()))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(S3RequestError.INVALID_REQUEST);
                    assertThat(e.getMessage())
                            .isEqualTo("Expecting a single x-amz-checksum- header. Multiple checksum Types are not"
                                    + " allowed.");
                });
    }

    @Test
    void rejectsSdkChecksumAlgorithmOtherThanTheChecksumHeaderWhenOpened() {
        Signed put = put(HELLO, S3SdkSigner.Body.UNSIGNED, DefaultChecksumAlgorithm.CRC32);

        for (String name : List.of("CRC32C", "MD5")) {
            SignedRequest request = S3SignatureTest.withHeader(put.head(), "x-amz-sdk-checksum-algorithm", name);
            assertThatThrownBy(() -> SignedPayload.open(new ByteArrayInputStream(HELLO), request, put.signing()))
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo(S3RequestError.INVALID_REQUEST);
                        assertThat(e.getMessage())
                                .isEqualTo("Value for x-amz-sdk-checksum-algorithm header is invalid.");
                    });
        }
    }

    @Test
    void computesTheChecksumThatSdkChecksumAlgorithmNamesWithoutAValue() throws IOException {
        Signed put = put(HELLO, S3SdkSigner.Body.UNSIGNED, null);
        SignedRequest request = S3SignatureTest.withHeader(put.head(), "x-amz-sdk-checksum-algorithm", "crc32");

        ChecksummedStream body = SignedPayload.open(new ByteArrayInputStream(HELLO), request, put.signing());

        assertThat(body.readAllBytes()).isEqualTo(HELLO);
        assertThat(body.checksums()).isEqualTo(Map.of("CRC32", crc32Base64(HELLO)));
    }

    @Test
    void rejectsUnsupportedTrailerWhenOpened() {
        Signed put = put(HELLO, S3SdkSigner.Body.CHUNKED_UNSIGNED, DefaultChecksumAlgorithm.CRC32);
        SignedRequest request = S3SignatureTest.withHeader(put.head(), "x-amz-trailer", "x-amz-checksum-md5");

        assertThatThrownBy(() -> SignedPayload.open(new ByteArrayInputStream(put.wire()), request, put.signing()))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(S3RequestError.INVALID_REQUEST));
    }

    @Test
    void keepsFailingAfterAFaultAndHasNoChecksumsBeforeTheEnd() throws IOException {
        Signed put = put(HELLO, S3SdkSigner.Body.SIGNED, null);
        ChecksummedStream body = open(put, flip(put.wire(), 0));

        assertThatThrownBy(body::checksums).isInstanceOf(IllegalStateException.class);
        IOException first = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, body::readAllBytes);
        IOException second = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, body::read);
        assertThat(second).isSameAs(first);
        assertThat(body.complete()).isFalse();
    }

    private Signed put(byte[] body, S3SdkSigner.Body mode, @Nullable ChecksumAlgorithm checksum) {
        S3SdkSigner.Received received = sdk.put(URI, body, mode, checksum);
        PayloadSigning signing = verifier.verifySigned(received.head(), "s3").signing();
        return new Signed(received.head(), signing, received.wire());
    }

    private static ChecksummedStream open(Signed put) {
        return open(put, put.wire());
    }

    private static ChecksummedStream open(Signed put, byte[] wire) {
        InputStream raw = new ByteArrayInputStream(wire);
        return SignedPayload.open(raw, put.head(), put.signing());
    }

    private static String header(Signed put, String name) {
        return java.util.Objects.requireNonNull(put.head().firstHeader(name));
    }

    private static String trailerValue(Signed put, S3ChecksumAlgorithm algorithm) {
        String wire = new String(put.wire(), StandardCharsets.ISO_8859_1);
        Matcher trailer = Pattern.compile(algorithm.headerName() + ":([A-Za-z0-9+/=]+)\r\n")
                .matcher(wire);
        assertThat(trailer.find()).isTrue();
        return trailer.group(1);
    }

    private static List<String> chunkSignatures(byte[] wire) {
        return CHUNK_SIGNATURE
                .matcher(new String(wire, StandardCharsets.ISO_8859_1))
                .results()
                .map(m -> m.group(1))
                .toList();
    }

    private static ChecksumAlgorithm sdkAlgorithm(S3ChecksumAlgorithm algorithm) {
        return DefaultChecksumAlgorithm.fromValue(algorithm.name());
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static String flipHex(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    private static byte[] replace(byte[] wire, String from, String to) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] wire, String text) {
        return new String(wire, StandardCharsets.ISO_8859_1).indexOf(text);
    }

    private static String crc32Base64(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Base64.getEncoder()
                .encodeToString(java.nio.ByteBuffer.allocate(4)
                        .putInt((int) crc.getValue())
                        .array());
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static void assertFault(ThrowingCallable read, AwsErrorCode code, String message) {
        assertThatThrownBy(read)
                .isInstanceOf(IOException.class)
                .cause()
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static void assertFaultCode(ThrowingCallable read, AwsErrorCode code) {
        assertThatThrownBy(read)
                .isInstanceOf(IOException.class)
                .cause()
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}

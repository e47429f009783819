package dev.wharf.protocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wharf.common.AwsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coverage-guided fuzz test of the S3 body decoding: whatever bytes arrive as an aws-chunked body, {@link
 * SignedPayload} returns the decoded bytes or fails with an {@link IOException} whose cause is an S3 error of a client
 * mistake, never another exception, and never hands out more bytes than declared.
 *
 * <p>An input's first byte picks the mode (its low bit: unsigned trailer or signed chunks with a signed trailer); the
 * rest is the body. The seeds in {@code SignedPayloadFuzzTestInputs/} are bodies the SDK v2's signer produced for
 * {@code hello world} with a CRC32 trailer, signed with the key below. {@code JAZZER_FUZZ=1} fuzzes for {@code
 * maxDuration}; without it, JUnit replays the seeds.
 */
class SignedPayloadFuzzTest {

    private static final String SCOPE = "20250101/us-east-1/s3/aws4_request";
    private static final PayloadSigning SIGNED = new PayloadSigning(
            PayloadSigning.Mode.STREAMING_SIGNED_TRAILER,
            null,
            new PayloadSigning.ChunkSigning(
                    "3043e8ecf5c13d5828f339be6e2e45711715d7ad0454ede55fd275335b226016",
                    new SigningKeys().key("SECRET", "20250101", "us-east-1", "s3"),
                    SCOPE,
                    "20250101T120000Z"));
    private static final PayloadSigning UNSIGNED_TRAILER =
            new PayloadSigning(PayloadSigning.Mode.STREAMING_UNSIGNED_TRAILER, null, null);
    private static final SignedRequest HEAD = SignedRequest.streamed(
            "PUT",
            "/bucket/key",
            "",
            Map.of(
                    "content-encoding", List.of("aws-chunked"),
                    "x-amz-decoded-content-length", List.of("11"),
                    "x-amz-trailer", List.of("x-amz-checksum-crc32")));
    private static final Set<S3RequestError> BODY_ERRORS = Set.of(
            S3RequestError.INCOMPLETE_BODY,
            S3RequestError.INVALID_REQUEST,
            S3RequestError.SIGNATURE_DOES_NOT_MATCH,
            S3RequestError.BAD_DIGEST);

    @FuzzTest(maxDuration = "30s")
    void decodedBodyOrS3Error(byte[] input) {
        if (input.length == 0) {
            return;
        }
        PayloadSigning signing = (input[0] & 1) == 0 ? UNSIGNED_TRAILER : SIGNED;
        byte[] wire = Arrays.copyOfRange(input, 1, input.length);
        ChecksummedStream body = SignedPayload.open(new ByteArrayInputStream(wire), HEAD, signing);
        try {
            byte[] decoded = body.readAllBytes();
            assertThat(decoded).hasSize(11);
            assertThat(body.checksums()).containsKey("CRC32");
        } catch (IOException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(AwsException.class, error -> assertThat(BODY_ERRORS)
                    .contains((S3RequestError) error.code()));
            assertThat(body.decodedLength()).isLessThanOrEqualTo(11);
        }
    }
}

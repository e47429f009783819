package dev.wharf.protocol.sigv4;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How an S3 request's body is signed, as its {@code x-amz-content-sha256} declares it, and what {@link SignedPayload}
 * needs to check the body as it streams in.
 *
 * @param mode the declared content hash mode
 * @param sha256Hex the declared lower-case hex SHA-256 of the body, for {@link Mode#SHA256}; else null
 * @param chunks what checking the chunk signatures needs, for {@link Mode#STREAMING_SIGNED} and {@link
 *     Mode#STREAMING_SIGNED_TRAILER}; else null
 */
public record PayloadSigning(
        Mode mode, @Nullable String sha256Hex, @Nullable ChunkSigning chunks) {

    /** Nothing left to check but the checksums. */
    public static final PayloadSigning UNSIGNED = new PayloadSigning(Mode.UNSIGNED, null, null);

    /** The content hash modes of S3's {@code x-amz-content-sha256}. */
    public enum Mode {
        /** The body's hex SHA-256: checked when the body has been read. */
        SHA256(""),
        /** {@code UNSIGNED-PAYLOAD}: nothing to check but the checksums. */
        UNSIGNED("UNSIGNED-PAYLOAD"),
        /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked, every chunk signed. */
        STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
        /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked, unsigned chunks and trailers. */
        STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
        /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: aws-chunked, every chunk and the trailers signed. */
        STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");

        private final String marker;

        Mode(String marker) {
            this.marker = marker;
        }

        /** The value of {@code x-amz-content-sha256} that declares this mode; empty for {@link #SHA256}. */
        public String marker() {
            return marker;
        }

        /** True when the body is aws-chunked. */
        public boolean chunked() {
            return this == STREAMING_SIGNED || this == STREAMING_UNSIGNED_TRAILER || this == STREAMING_SIGNED_TRAILER;
        }

        /** True when the chunks carry signatures. */
        public boolean signedChunks() {
            return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
        }
    }

    /**
     * What checking chunk signatures needs: each chunk's signature chains from the previous one, starting with the
     * request's own.
     *
     * @param seedSignature the request's signature, which the first chunk's signature chains from
     * @param signingKey the derived SigV4 signing key; null when the credential store accepts any signature, and the
     *     chunk signatures are then parsed but not checked
     * @param scope the credential scope, {@code yyyyMMdd/region/service/aws4_request}
     * @param requestTime the request time as signed, ISO 8601 basic format
     */
    @SuppressWarnings("ArrayRecordComponent") // The key is derived once per scope and shared; it is never compared.
    public record ChunkSigning(String seedSignature, byte @Nullable [] signingKey, String scope, String requestTime) {

        /** Prints no key. */
        @Override
        public String toString() {
            return "ChunkSigning[scope=" + scope + ", requestTime=" + requestTime + "]";
        }
    }

    public PayloadSigning {
        if ((mode == Mode.SHA256) != (sha256Hex != null)) {
            throw new IllegalArgumentException("a SHA-256 is declared exactly in mode SHA256");
        }
        if (mode.signedChunks() != (chunks != null)) {
            throw new IllegalArgumentException("chunk signing is needed exactly in the signed streaming modes");
        }
        if (sha256Hex != null) {
            sha256Hex = sha256Hex.toLowerCase(Locale.ROOT);
        }
    }
}

package dev.wharf.s3.engine;

import dev.wharf.common.AwsException;
import dev.wharf.s3.api.S3Error;
import dev.wharf.s3.api.S3Limits;
import dev.wharf.storage.BlobId;
import dev.wharf.storage.BlobWriter;
import dev.wharf.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Streams a request body into a new blob through a bounded buffer, computing the MD5 that S3's ETag is, and turns the
 * body's faults into S3's errors. The blob is finished but not yet part of the store: the caller adds it in the batch
 * that records the object, or closes the writer to discard it.
 */
final class BodyWriter {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final HexFormat HEX = HexFormat.of();

    /** A body written: its blob's writer (finished), its length and its MD5. */
    record Written(BlobWriter writer, long length, byte[] md5) implements AutoCloseable {
        BlobId blob() {
            return writer.id();
        }

        String eTag() {
            return '"' + HEX.formatHex(md5) + '"';
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    private BodyWriter() {}

    /**
     * Writes the body whole.
     *
     * @param declaredLength the length the client declared, or -1 when it did not
     * @param contentMd5 the Content-MD5 header, base64, or null
     */
    static Written write(ObjectStore store, InputStream body, long declaredLength, @Nullable String contentMd5) {
        byte[] expectedMd5 = contentMd5 == null ? null : decodeMd5(contentMd5);
        if (declaredLength > S3Limits.MAX_PUT_BYTES) {
            throw tooLarge(declaredLength);
        }
        BlobWriter writer = open(store);
        try {
            MessageDigest md5 = md5();
            byte[] buffer = new byte[BUFFER_BYTES];
            long length = 0;
            try (body) {
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    length += n;
                    if (length > S3Limits.MAX_PUT_BYTES) {
                        throw tooLarge(length);
                    }
                    md5.update(buffer, 0, n);
                    writer.write(buffer, 0, n);
                }
            } catch (IOException e) {
                throw bodyFault(e);
            }
            if (declaredLength >= 0 && length != declaredLength) {
                throw S3Error.IncompleteBody.with(
                        "You did not provide the number of bytes specified by the Content-Length HTTP header.");
            }
            byte[] digest = md5.digest();
            if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, digest)) {
                throw S3Error.BadDigest.with(
                        "The Content-MD5 you specified did not match what we received.",
                        "ExpectedDigest",
                        HEX.formatHex(expectedMd5),
                        "CalculatedDigest",
                        Base64.getEncoder().encodeToString(digest));
            }
            finish(writer);
            return new Written(writer, length, digest);
        } catch (RuntimeException | Error e) {
            writer.close();
            throw e;
        }
    }

    /** Copies bytes of the store's blobs (a CopyObject's or UploadPartCopy's source) into a new blob. */
    static Written copy(ObjectStore store, InputStream source) {
        return write(store, source, -1, null);
    }

    private static BlobWriter open(ObjectStore store) {
        try {
            return store.createBlob();
        } catch (IOException e) {
            throw new UncheckedIOException("the object store cannot start a blob", e);
        }
    }

    private static void finish(BlobWriter writer) {
        try {
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("the object store cannot finish a blob", e);
        }
    }

    /**
     * A body that failed as it was read: the client's error when the body showed one (a bad chunk signature or
     * checksum, which the signature check raises as the IOException's cause), else a body cut short.
     */
    static RuntimeException bodyFault(IOException e) {
        if (e.getCause() instanceof AwsException client) {
            return client;
        }
        return S3Error.IncompleteBody.with("The request body terminated unexpectedly");
    }

    private static byte[] decodeMd5(String contentMd5) {
        try {
            byte[] md5 = Base64.getDecoder().decode(contentMd5.trim());
            if (md5.length == 16) {
                return md5;
            }
        } catch (IllegalArgumentException e) {
            // Falls through to S3's error for a digest that is not one.
        }
        throw S3Error.InvalidDigest.with("The Content-MD5 you specified was invalid.", "Content-MD5", contentMd5);
    }

    private static AwsException tooLarge(long proposed) {
        return S3Error.EntityTooLarge.with(
                "Your proposed upload exceeds the maximum allowed size",
                "ProposedSize",
                Long.toString(proposed),
                "MaxSizeAllowed",
                Long.toString(S3Limits.MAX_PUT_BYTES));
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }
}

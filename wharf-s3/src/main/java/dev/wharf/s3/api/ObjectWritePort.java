package dev.wharf.s3.api;

import java.io.InputStream;

/**
 * Writes objects into buckets for other services in the same server (Firehose's deliveries), without HTTP.
 *
 * <p>A write is checked as PutObject checks a request (the bucket exists and the writing account owns it, the key is
 * valid) and streams its body into the store: it is never held whole on the heap. It is durable and visible when this
 * returns, and a write that fails leaves nothing behind. Thread-safe.
 */
public interface ObjectWritePort {

    /**
     * One object to write.
     *
     * @param accountId the account that writes, which must own the bucket
     * @param region the region the writer is in, as a request would be signed for
     * @param bucket the bucket's name
     * @param key the object's key
     * @param contentType the object's Content-Type
     * @param contentEncoding the object's Content-Encoding, or null for none
     */
    record ObjectWrite(
            String accountId,
            String region,
            String bucket,
            String key,
            String contentType,
            @org.jspecify.annotations.Nullable String contentEncoding) {}

    /**
     * Writes one object from {@code body}, which this reads to its end and closes.
     *
     * @return the object's ETag, quoted as S3 answers it
     * @throws dev.wharf.common.AwsException S3's error for the write ({@code NoSuchBucket}, {@code AccessDenied},
     *     {@code KeyTooLongError}), as PutObject would answer it
     */
    String write(ObjectWrite write, InputStream body);
}

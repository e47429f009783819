package dev.wharf.s3.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.s3.api.ObjectShapes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The records S3 keeps in its store, and their encoding: small JSON documents, so that a record written by one version
 * of Wharf reads in the next. Object bodies are never here, only the blobs that hold them.
 */
final class Stored {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Stored() {}

    /** A bucket: its owner's account and the region it was created in. */
    record Bucket(String name, String owner, String region, long createdMillis) {}

    /** One blob that holds a run of an object's bytes: a whole object, or one part of a multipart one. */
    record Segment(String blob, long length) {}

    /** The headers that S3 keeps with an object; {@code expiresMillis} is the Expires header's time. */
    record Headers(
            @Nullable String contentType,
            @Nullable String contentEncoding,
            @Nullable String contentDisposition,
            @Nullable String contentLanguage,
            @Nullable String cacheControl,
            @Nullable Long expiresMillis) {

        static Headers of(ObjectShapes.StoredHeaders headers) {
            Instant expires = headers.expires();
            return new Headers(
                    headers.contentType(),
                    headers.contentEncoding(),
                    headers.contentDisposition(),
                    headers.contentLanguage(),
                    headers.cacheControl(),
                    expires == null ? null : expires.toEpochMilli());
        }
    }

    /**
     * An object (S3Object, as S3 names it): its bytes as segments in order (one per part for a multipart object), and what S3 answers about it.
     *
     * @param partsCount the number of parts of a multipart object, or 0 for one put whole
     * @param checksums the checksums the client sent and Wharf verified, base64 by the model's member name (such as
     *     {@code ChecksumCRC32})
     */
    record S3Object(
            String key,
            List<Segment> segments,
            long size,
            String eTag,
            long lastModifiedMillis,
            Headers headers,
            Map<String, String> metadata,
            Map<String, String> tags,
            Map<String, String> checksums,
            String storageClass,
            int partsCount) {

        Instant lastModified() {
            return Instant.ofEpochMilli(lastModifiedMillis);
        }
    }

    /** A multipart upload in progress, with what the object it completes will carry. */
    record Upload(
            String uploadId,
            String key,
            long initiatedMillis,
            String owner,
            Headers headers,
            Map<String, String> metadata,
            Map<String, String> tags,
            String storageClass) {}

    /** One uploaded part. */
    record Part(int partNumber, Segment segment, String eTag, long lastModifiedMillis, Map<String, String> checksums) {}

    static byte[] encode(Record record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <R extends Record> R decode(byte[] value, Class<R> type) {
        try {
            return JSON.readValue(value, type);
        } catch (IOException e) {
            // The store holds only what encode wrote: an unreadable record is a fault of the store, not of a client.
            throw new IllegalStateException("an S3 record of the store cannot be read as " + type.getSimpleName(), e);
        }
    }
}

package dev.wharf.s3.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The inputs and outputs of S3's object operations, with the members Wharf serves, named as S3's model names them so
 * that the binding reads and writes them by the model. A streaming body is not among them: the binding hands it over
 * beside the record.
 */
public final class ObjectShapes {

    private ObjectShapes() {}

    /** The headers that S3 stores with an object and answers on GET and HEAD. */
    public record StoredHeaders(
            @Nullable String contentType,
            @Nullable String contentEncoding,
            @Nullable String contentDisposition,
            @Nullable String contentLanguage,
            @Nullable String cacheControl,
            @Nullable Instant expires) {}

    /** The checksums a client sent with a body, base64 as on the wire, by the model's member names. */
    public record Checksums(
            @Nullable String checksumCRC32,
            @Nullable String checksumCRC32C,
            @Nullable String checksumCRC64NVME,
            @Nullable String checksumSHA1,
            @Nullable String checksumSHA256) {}

    /** S3's {@code PutObjectRequest}, with the members that Wharf serves. */
    public record PutObjectRequest(
            @Nullable String bucket,
            @Nullable String key,
            @Nullable Long contentLength,
            @Nullable String contentMD5,
            @Nullable String contentType,
            @Nullable String contentEncoding,
            @Nullable String contentDisposition,
            @Nullable String contentLanguage,
            @Nullable String cacheControl,
            @Nullable Instant expires,
            @Nullable Map<String, String> metadata,
            @Nullable String tagging,
            @Nullable String storageClass,
            @Nullable String ifMatch,
            @Nullable String ifNoneMatch,
            @Nullable String checksumAlgorithm,
            @Nullable String checksumCRC32,
            @Nullable String checksumCRC32C,
            @Nullable String checksumCRC64NVME,
            @Nullable String checksumSHA1,
            @Nullable String checksumSHA256) {}

    /** S3's {@code PutObjectOutput}, with the members that Wharf serves. */
    public record PutObjectOutput(
            String eTag,
            @Nullable String checksumCRC32,
            @Nullable String checksumCRC32C,
            @Nullable String checksumCRC64NVME,
            @Nullable String checksumSHA1,
            @Nullable String checksumSHA256,
            @Nullable String checksumType) {}

    /** S3's {@code GetObjectRequest}, with the members that Wharf serves. */
    public record GetObjectRequest(
            @Nullable String bucket,
            @Nullable String key,
            @Nullable String ifMatch,
            @Nullable Instant ifModifiedSince,
            @Nullable String ifNoneMatch,
            @Nullable Instant ifUnmodifiedSince,
            @Nullable String range,
            @Nullable Integer partNumber,
            @Nullable String versionId,
            @Nullable String checksumMode,
            @Nullable String responseCacheControl,
            @Nullable String responseContentDisposition,
            @Nullable String responseContentEncoding,
            @Nullable String responseContentLanguage,
            @Nullable String responseContentType,
            @Nullable Instant responseExpires) {}

    /** GetObject's and HeadObject's headers; the body, when there is one, comes beside it. */
    public record GetObjectOutput(
            @Nullable Instant lastModified,
            @Nullable Long contentLength,
            @Nullable String eTag,
            @Nullable String acceptRanges,
            @Nullable String contentRange,
            @Nullable String contentType,
            @Nullable String contentEncoding,
            @Nullable String contentDisposition,
            @Nullable String contentLanguage,
            @Nullable String cacheControl,
            @Nullable String expiresString,
            @Nullable Map<String, String> metadata,
            @Nullable String storageClass,
            @Nullable Integer partsCount,
            @Nullable Integer tagCount,
            @Nullable String checksumCRC32,
            @Nullable String checksumCRC32C,
            @Nullable String checksumCRC64NVME,
            @Nullable String checksumSHA1,
            @Nullable String checksumSHA256,
            @Nullable String checksumType) {}

    /** S3's {@code DeleteObjectRequest}, with the members that Wharf serves. */
    public record DeleteObjectRequest(
            @Nullable String bucket,
            @Nullable String key,
            @Nullable String versionId) {}

    /** S3's {@code ObjectIdentifier}, with the members that Wharf serves. */
    public record ObjectIdentifier(
            @Nullable String key, @Nullable String versionId) {}

    /** S3's {@code Delete}, with the members that Wharf serves. */
    public record Delete(
            @Nullable List<ObjectIdentifier> objects,
            @Nullable Boolean quiet) {}

    /** S3's {@code DeleteObjectsRequest}, with the members that Wharf serves. */
    public record DeleteObjectsRequest(
            @Nullable String bucket, @Nullable Delete delete) {}

    /** S3's {@code DeletedObject}, with the members that Wharf serves. */
    public record DeletedObject(String key) {}

    /** One key that DeleteObjects could not delete; the model names the structure {@code Error}. */
    public record DeleteError(String key, String code, String message) {}

    /** S3's {@code DeleteObjectsOutput}, with the members that Wharf serves. */
    public record DeleteObjectsOutput(List<DeletedObject> deleted, List<DeleteError> errors) {}

    /** S3's {@code CopyObjectRequest}, with the members that Wharf serves. */
    public record CopyObjectRequest(
            @Nullable String destinationBucket,
            @Nullable String destinationKey,
            @Nullable String copySource,
            @Nullable String copySourceIfMatch,
            @Nullable Instant copySourceIfModifiedSince,
            @Nullable String copySourceIfNoneMatch,
            @Nullable Instant copySourceIfUnmodifiedSince,
            @Nullable String metadataDirective,
            @Nullable String taggingDirective,
            @Nullable String contentType,
            @Nullable String contentEncoding,
            @Nullable String contentDisposition,
            @Nullable String contentLanguage,
            @Nullable String cacheControl,
            @Nullable Instant expires,
            @Nullable Map<String, String> metadata,
            @Nullable String tagging,
            @Nullable String storageClass) {}

    /** S3's {@code CopyObjectResult}, with the members that Wharf serves. */
    public record CopyObjectResult(String eTag, Instant lastModified) {}

    /** S3's {@code CopyObjectOutput}, with the members that Wharf serves. */
    public record CopyObjectOutput(CopyObjectResult copyObjectResult) {}

    /** S3's {@code Tag}, with the members that Wharf serves. */
    public record Tag(@Nullable String key, @Nullable String value) {}

    /** S3's {@code Tagging}, with the members that Wharf serves. */
    public record Tagging(@Nullable List<Tag> tagSet) {}

    /** S3's {@code PutObjectTaggingRequest}, with the members that Wharf serves. */
    public record PutObjectTaggingRequest(
            @Nullable String bucket,
            @Nullable String key,
            @Nullable Tagging tagging) {}

    /** S3's {@code ObjectKeyRequest}, with the members that Wharf serves. */
    public record ObjectKeyRequest(
            @Nullable String bucket, @Nullable String key) {}

    /** S3's {@code GetObjectTaggingOutput}, with the members that Wharf serves. */
    public record GetObjectTaggingOutput(List<Tag> tagSet) {}
}

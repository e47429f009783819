package dev.wharf.s3.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The inputs and outputs of S3's multipart upload operations, named as S3's model names them. */
public final class MultipartShapes {

    private MultipartShapes() {}

    /** S3's {@code CreateMultipartUploadRequest}, with the members that Wharf serves. */
    public record CreateMultipartUploadRequest(
            @Nullable String bucket,
            @Nullable String key,
            @Nullable String contentType,
            @Nullable String contentEncoding,
            @Nullable String contentDisposition,
            @Nullable String contentLanguage,
            @Nullable String cacheControl,
            @Nullable Instant expires,
            @Nullable Map<String, String> metadata,
            @Nullable String tagging,
            @Nullable String storageClass,
            @Nullable String checksumAlgorithm) {}

    /** S3's {@code CreateMultipartUploadOutput}, with the members that Wharf serves. */
    public record CreateMultipartUploadOutput(String bucket, String key, String uploadId) {}

    /** S3's {@code UploadPartRequest}, with the members that Wharf serves. */
    public record UploadPartRequest(
            @Nullable String bucket,
            @Nullable String key,
            @Nullable Integer partNumber,
            @Nullable String uploadId,
            @Nullable Long contentLength,
            @Nullable String contentMD5,
            @Nullable String checksumCRC32,
            @Nullable String checksumCRC32C,
            @Nullable String checksumCRC64NVME,
            @Nullable String checksumSHA1,
            @Nullable String checksumSHA256) {}

    /** S3's {@code UploadPartOutput}, with the members that Wharf serves. */
    public record UploadPartOutput(
            String eTag,
            @Nullable String checksumCRC32,
            @Nullable String checksumCRC32C,
            @Nullable String checksumCRC64NVME,
            @Nullable String checksumSHA1,
            @Nullable String checksumSHA256) {}

    /** S3's {@code UploadPartCopyRequest}, with the members that Wharf serves. */
    public record UploadPartCopyRequest(
            @Nullable String destinationBucket,
            @Nullable String destinationKey,
            @Nullable Integer partNumber,
            @Nullable String uploadId,
            @Nullable String copySource,
            @Nullable String copySourceRange,
            @Nullable String copySourceIfMatch,
            @Nullable Instant copySourceIfModifiedSince,
            @Nullable String copySourceIfNoneMatch,
            @Nullable Instant copySourceIfUnmodifiedSince) {}

    /** S3's {@code CopyPartResult}, with the members that Wharf serves. */
    public record CopyPartResult(String eTag, Instant lastModified) {}

    /** S3's {@code UploadPartCopyOutput}, with the members that Wharf serves. */
    public record UploadPartCopyOutput(CopyPartResult copyPartResult) {}

    /** S3's {@code CompletedPart}, with the members that Wharf serves. */
    public record CompletedPart(
            @Nullable String eTag, @Nullable Integer partNumber) {}

    /** S3's {@code CompletedMultipartUpload}, with the members that Wharf serves. */
    public record CompletedMultipartUpload(@Nullable List<CompletedPart> parts) {}

    /** S3's {@code CompleteMultipartUploadRequest}, with the members that Wharf serves. */
    public record CompleteMultipartUploadRequest(
            @Nullable String bucket,
            @Nullable String key,
            @Nullable String uploadId,
            @Nullable CompletedMultipartUpload multipartUpload) {}

    /** S3's {@code CompleteMultipartUploadOutput}, with the members that Wharf serves. */
    public record CompleteMultipartUploadOutput(String location, String bucket, String key, String eTag) {}

    /** S3's {@code UploadRequest}, with the members that Wharf serves. */
    public record UploadRequest(
            @Nullable String bucket,
            @Nullable String key,
            @Nullable String uploadId) {}

    /** S3's {@code ListPartsRequest}, with the members that Wharf serves. */
    public record ListPartsRequest(
            @Nullable String bucket,
            @Nullable String key,
            @Nullable String uploadId,
            @Nullable Integer maxParts,
            @Nullable Integer partNumberMarker) {}

    /** S3's {@code Part}, with the members that Wharf serves. */
    public record Part(Integer partNumber, Instant lastModified, String eTag, Long size) {}

    /** S3's {@code Initiator}, with the members that Wharf serves. */
    public record Initiator(String iD, String displayName) {}

    /** S3's {@code ListPartsOutput}, with the members that Wharf serves. */
    public record ListPartsOutput(
            String bucket,
            String key,
            String uploadId,
            Integer partNumberMarker,
            @Nullable Integer nextPartNumberMarker,
            Integer maxParts,
            Boolean isTruncated,
            List<Part> parts,
            Initiator initiator,
            BucketShapes.Owner owner,
            String storageClass) {}

    /** S3's {@code ListMultipartUploadsRequest}, with the members that Wharf serves. */
    public record ListMultipartUploadsRequest(
            @Nullable String bucket,
            @Nullable String delimiter,
            @Nullable String encodingType,
            @Nullable String keyMarker,
            @Nullable Integer maxUploads,
            @Nullable String prefix,
            @Nullable String uploadIdMarker) {}

    /** S3's {@code MultipartUpload}, with the members that Wharf serves. */
    public record MultipartUpload(
            String uploadId,
            String key,
            Instant initiated,
            String storageClass,
            BucketShapes.Owner owner,
            Initiator initiator) {}

    /** S3's {@code ListMultipartUploadsOutput}, with the members that Wharf serves. */
    public record ListMultipartUploadsOutput(
            String bucket,
            @Nullable String keyMarker,
            @Nullable String uploadIdMarker,
            @Nullable String nextKeyMarker,
            @Nullable String prefix,
            @Nullable String delimiter,
            @Nullable String nextUploadIdMarker,
            Integer maxUploads,
            Boolean isTruncated,
            List<MultipartUpload> uploads,
            List<BucketShapes.CommonPrefix> commonPrefixes,
            @Nullable String encodingType) {}
}

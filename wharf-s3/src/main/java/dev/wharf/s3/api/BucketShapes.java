package dev.wharf.s3.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The inputs and outputs of S3's bucket and listing operations, named as S3's model names them. */
public final class BucketShapes {

    private BucketShapes() {}

    public record CreateBucketConfiguration(@Nullable String locationConstraint) {}

    public record CreateBucketRequest(
            @Nullable String bucket, @Nullable CreateBucketConfiguration createBucketConfiguration) {}

    public record CreateBucketOutput(String location) {}

    public record BucketRequest(@Nullable String bucket) {}

    public record HeadBucketOutput(String bucketRegion) {}

    public record GetBucketLocationOutput(@Nullable String locationConstraint) {}

    public record ListBucketsRequest(
            @Nullable Integer maxBuckets,
            @Nullable String continuationToken,
            @Nullable String prefix) {}

    public record Bucket(String name, Instant creationDate, String bucketRegion) {}

    public record Owner(String displayName, String iD) {}

    public record ListBucketsOutput(
            List<Bucket> buckets,
            Owner owner,
            @Nullable String continuationToken,
            @Nullable String prefix) {}

    public record ListObjectsV2Request(
            @Nullable String bucket,
            @Nullable String delimiter,
            @Nullable String encodingType,
            @Nullable Integer maxKeys,
            @Nullable String prefix,
            @Nullable String continuationToken,
            @Nullable Boolean fetchOwner,
            @Nullable String startAfter) {}

    public record ListObjectsRequest(
            @Nullable String bucket,
            @Nullable String delimiter,
            @Nullable String encodingType,
            @Nullable String marker,
            @Nullable Integer maxKeys,
            @Nullable String prefix) {}

    /** One object of a listing; the model names the structure {@code Object}. */
    public record ListedObject(
            String key,
            Instant lastModified,
            String eTag,
            Long size,
            String storageClass,
            @Nullable Owner owner) {}

    public record CommonPrefix(String prefix) {}

    public record ListObjectsV2Output(
            Boolean isTruncated,
            List<ListedObject> contents,
            String name,
            @Nullable String prefix,
            @Nullable String delimiter,
            Integer maxKeys,
            List<CommonPrefix> commonPrefixes,
            @Nullable String encodingType,
            Integer keyCount,
            @Nullable String continuationToken,
            @Nullable String nextContinuationToken,
            @Nullable String startAfter) {}

    public record ListObjectsOutput(
            Boolean isTruncated,
            @Nullable String marker,
            @Nullable String nextMarker,
            List<ListedObject> contents,
            String name,
            @Nullable String prefix,
            @Nullable String delimiter,
            Integer maxKeys,
            List<CommonPrefix> commonPrefixes,
            @Nullable String encodingType) {}
}

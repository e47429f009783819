package dev.wharf.s3.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The inputs and outputs of S3's bucket and listing operations, named as S3's model names them. */
public final class BucketShapes {

    private BucketShapes() {}

    /** S3's {@code CreateBucketConfiguration}, with the members that Wharf serves. */
    public record CreateBucketConfiguration(@Nullable String locationConstraint) {}

    /** S3's {@code CreateBucketRequest}, with the members that Wharf serves. */
    public record CreateBucketRequest(
            @Nullable String bucket, @Nullable CreateBucketConfiguration createBucketConfiguration) {}

    /** S3's {@code CreateBucketOutput}, with the members that Wharf serves. */
    public record CreateBucketOutput(String location) {}

    /** S3's {@code BucketRequest}, with the members that Wharf serves. */
    public record BucketRequest(@Nullable String bucket) {}

    /** S3's {@code HeadBucketOutput}, with the members that Wharf serves. */
    public record HeadBucketOutput(String bucketRegion) {}

    /** S3's {@code GetBucketLocationOutput}, with the members that Wharf serves. */
    public record GetBucketLocationOutput(@Nullable String locationConstraint) {}

    /** S3's {@code ListBucketsRequest}, with the members that Wharf serves. */
    public record ListBucketsRequest(
            @Nullable Integer maxBuckets,
            @Nullable String continuationToken,
            @Nullable String prefix) {}

    /** S3's {@code Bucket}, with the members that Wharf serves. */
    public record Bucket(String name, Instant creationDate, String bucketRegion) {}

    /** S3's {@code Owner}, with the members that Wharf serves. */
    public record Owner(String displayName, String iD) {}

    /** S3's {@code ListBucketsOutput}, with the members that Wharf serves. */
    public record ListBucketsOutput(
            List<Bucket> buckets,
            Owner owner,
            @Nullable String continuationToken,
            @Nullable String prefix) {}

    /** S3's {@code ListObjectsV2Request}, with the members that Wharf serves. */
    public record ListObjectsV2Request(
            @Nullable String bucket,
            @Nullable String delimiter,
            @Nullable String encodingType,
            @Nullable Integer maxKeys,
            @Nullable String prefix,
            @Nullable String continuationToken,
            @Nullable Boolean fetchOwner,
            @Nullable String startAfter) {}

    /** S3's {@code ListObjectsRequest}, with the members that Wharf serves. */
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

    /** S3's {@code CommonPrefix}, with the members that Wharf serves. */
    public record CommonPrefix(String prefix) {}

    /** S3's {@code ListObjectsV2Output}, with the members that Wharf serves. */
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

    /** S3's {@code ListObjectsOutput}, with the members that Wharf serves. */
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

package dev.wharf.s3.engine;

import dev.wharf.s3.api.BucketShapes;
import dev.wharf.s3.api.MultipartShapes;
import dev.wharf.s3.api.ObjectRead;
import dev.wharf.s3.api.ObjectShapes;
import dev.wharf.s3.api.S3Context;
import dev.wharf.storage.ObjectStore;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Amazon S3's semantics over the storage SPI's {@link ObjectStore}: buckets, objects with their stored headers,
 * metadata and tags, listings, and multipart uploads.
 *
 * <p>Unlike the other engines it keeps no index in memory: every request reads the store, whose keys are laid out in
 * S3's listing order ({@link S3Keys}), so a bucket of any size costs the heap nothing. Object bodies stream from the
 * request to a blob and from blobs to the response, never whole on the heap. Thread-safe: the read-modify-write of a
 * record holds its key's lock ({@link KeyLocks}), never while a body streams.
 */
public final class S3Engine implements dev.wharf.s3.api.ObjectWritePort {

    private final Buckets buckets;
    private final ObjectReads reads;
    private final ObjectWrites writes;
    private final Listings listings;
    private final Multipart multipart;

    public S3Engine(ObjectStore store, Clock clock) {
        KeyLocks locks = new KeyLocks();
        this.buckets = new Buckets(store, clock, locks);
        this.reads = new ObjectReads(store, buckets);
        this.writes = new ObjectWrites(store, clock, locks, buckets, reads);
        this.listings = new Listings(store, buckets);
        this.multipart = new Multipart(store, clock, locks, buckets, reads, writes);
    }

    public BucketShapes.CreateBucketOutput createBucket(S3Context context, BucketShapes.CreateBucketRequest request) {
        return buckets.create(context, request);
    }

    public BucketShapes.HeadBucketOutput headBucket(S3Context context, BucketShapes.BucketRequest request) {
        return buckets.head(context, request);
    }

    public BucketShapes.GetBucketLocationOutput getBucketLocation(
            S3Context context, BucketShapes.BucketRequest request) {
        return buckets.location(context, request);
    }

    public void deleteBucket(S3Context context, BucketShapes.BucketRequest request) {
        buckets.delete(context, request);
    }

    public BucketShapes.ListBucketsOutput listBuckets(S3Context context, BucketShapes.ListBucketsRequest request) {
        return buckets.list(context, request);
    }

    /**
     * Stores an object from its body, which this reads whole and closes.
     *
     * @param length the body's declared length, or -1 when the client declared none
     * @param checksums the checksums verified against the body, base64 by the model's member names; asked once the
     *     body has been read whole, since a trailer sends them after it
     */
    public ObjectShapes.PutObjectOutput putObject(
            S3Context context,
            ObjectShapes.PutObjectRequest request,
            InputStream body,
            long length,
            Supplier<Map<String, String>> checksums) {
        return writes.put(context, request, body, length, checksums);
    }

    @Override
    public String write(ObjectWrite write, InputStream body) {
        ObjectShapes.PutObjectRequest request = new ObjectShapes.PutObjectRequest(
                write.bucket(),
                write.key(),
                null,
                null,
                write.contentType(),
                write.contentEncoding(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        // The writer is a service of this server, not a client: it has no access key, and names itself by account.
        S3Context context = new S3Context(write.accountId(), write.accountId(), write.region());
        return putObject(context, request, body, -1, Map::of).eTag();
    }

    /** GetObject, or HeadObject when {@code head}: the answer's headers and, for GET, its body to stream. */
    public ObjectRead getObject(S3Context context, ObjectShapes.GetObjectRequest request, boolean head) {
        return reads.get(context, request, head);
    }

    public void deleteObject(S3Context context, ObjectShapes.DeleteObjectRequest request) {
        writes.delete(context, request);
    }

    public ObjectShapes.DeleteObjectsOutput deleteObjects(
            S3Context context, ObjectShapes.DeleteObjectsRequest request) {
        return writes.deleteObjects(context, request);
    }

    public ObjectShapes.CopyObjectOutput copyObject(S3Context context, ObjectShapes.CopyObjectRequest request) {
        return writes.copy(context, request);
    }

    public void putObjectTagging(S3Context context, ObjectShapes.PutObjectTaggingRequest request) {
        writes.putTagging(context, request);
    }

    public ObjectShapes.GetObjectTaggingOutput getObjectTagging(
            S3Context context, ObjectShapes.ObjectKeyRequest request) {
        return writes.getTagging(context, request);
    }

    public void deleteObjectTagging(S3Context context, ObjectShapes.ObjectKeyRequest request) {
        writes.deleteTagging(context, request);
    }

    public BucketShapes.ListObjectsV2Output listObjectsV2(
            S3Context context, BucketShapes.ListObjectsV2Request request) {
        return listings.listV2(context, request);
    }

    public BucketShapes.ListObjectsOutput listObjects(S3Context context, BucketShapes.ListObjectsRequest request) {
        return listings.listV1(context, request);
    }

    public MultipartShapes.CreateMultipartUploadOutput createMultipartUpload(
            S3Context context, MultipartShapes.CreateMultipartUploadRequest request) {
        return multipart.create(context, request);
    }

    public MultipartShapes.UploadPartOutput uploadPart(
            S3Context context,
            MultipartShapes.UploadPartRequest request,
            InputStream body,
            long length,
            Supplier<Map<String, String>> checksums) {
        return multipart.uploadPart(context, request, body, length, checksums);
    }

    public MultipartShapes.UploadPartCopyOutput uploadPartCopy(
            S3Context context, MultipartShapes.UploadPartCopyRequest request) {
        return multipart.uploadPartCopy(context, request);
    }

    /** Completes an upload; {@code endpoint} (scheme, host and port) makes the answer's Location. */
    public MultipartShapes.CompleteMultipartUploadOutput completeMultipartUpload(
            S3Context context, MultipartShapes.CompleteMultipartUploadRequest request, String endpoint) {
        return multipart.complete(context, request, endpoint);
    }

    public void abortMultipartUpload(S3Context context, MultipartShapes.UploadRequest request) {
        multipart.abort(context, request);
    }

    public MultipartShapes.ListPartsOutput listParts(S3Context context, MultipartShapes.ListPartsRequest request) {
        return multipart.listParts(context, request);
    }

    public MultipartShapes.ListMultipartUploadsOutput listMultipartUploads(
            S3Context context, MultipartShapes.ListMultipartUploadsRequest request) {
        return multipart.listUploads(context, request);
    }
}

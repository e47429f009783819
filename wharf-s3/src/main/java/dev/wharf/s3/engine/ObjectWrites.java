package dev.wharf.s3.engine;

import dev.wharf.s3.api.ObjectShapes;
import dev.wharf.s3.api.S3Context;
import dev.wharf.s3.api.S3Error;
import dev.wharf.s3.api.S3Limits;
import dev.wharf.storage.BlobId;
import dev.wharf.storage.ObjectBatch;
import dev.wharf.storage.ObjectStore;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The operations that change objects: PutObject, CopyObject, DeleteObject(s) and the tagging operations. A new body
 * streams into its blob before any lock is taken; the record and the blob then become visible together in one
 * commit, which also frees the blobs of the object it replaces.
 */
final class ObjectWrites {

    private final ObjectStore store;
    private final Clock clock;
    private final KeyLocks locks;
    private final Buckets buckets;
    private final ObjectReads reads;

    ObjectWrites(ObjectStore store, Clock clock, KeyLocks locks, Buckets buckets, ObjectReads reads) {
        this.store = store;
        this.clock = clock;
        this.locks = locks;
        this.buckets = buckets;
        this.reads = reads;
    }

    /**
     * Stores a body under a key.
     *
     * @param checksums the checksums the client sent with the body and the signature check verified, by the model's
     *     member names (such as {@code ChecksumCRC32})
     */
    ObjectShapes.PutObjectOutput put(
            S3Context context,
            ObjectShapes.PutObjectRequest request,
            InputStream body,
            long length,
            java.util.function.Supplier<Map<String, String>> checksumsRead) {
        String bucket = Buckets.required(request.bucket());
        buckets.require(context, bucket);
        String key = ObjectRules.key(request.key());
        Map<String, String> metadata = ObjectRules.metadata(request.metadata());
        Map<String, String> tags = ObjectRules.tagsOfHeader(request.tagging());
        String storageClass = ObjectRules.storageClass(request.storageClass());
        Stored.Headers headers = new Stored.Headers(
                request.contentType(),
                request.contentEncoding(),
                request.contentDisposition(),
                request.contentLanguage(),
                request.cacheControl(),
                request.expires() == null ? null : request.expires().toEpochMilli());
        try (BodyWriter.Written written = BodyWriter.write(store, body, length, request.contentMD5())) {
            Map<String, String> checksums = checksumsRead.get();
            Stored.S3Object object = new Stored.S3Object(
                    key,
                    List.of(new Stored.Segment(written.blob().value(), written.length())),
                    written.length(),
                    written.eTag(),
                    now(),
                    headers,
                    metadata,
                    tags,
                    Map.copyOf(checksums),
                    storageClass,
                    0);
            replace(bucket, object, List.of(written.blob()), existing -> {
                checkWriteConditions(request.ifMatch(), request.ifNoneMatch(), existing, key);
                return null;
            });
            return new ObjectShapes.PutObjectOutput(
                    written.eTag(),
                    checksums.get("ChecksumCRC32"),
                    checksums.get("ChecksumCRC32C"),
                    checksums.get("ChecksumCRC64NVME"),
                    checksums.get("ChecksumSHA1"),
                    checksums.get("ChecksumSHA256"),
                    checksums.isEmpty() ? null : "FULL_OBJECT");
        }
    }

    /** S3's conditional writes: If-None-Match {@code *} creates only, If-Match replaces only that ETag. */
    static void checkWriteConditions(
            @Nullable String ifMatch, @Nullable String ifNoneMatch, Stored.@Nullable S3Object existing, String key) {
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw S3Error.NotImplemented.with(
                        "A header you provided implies functionality that is not implemented",
                        "Header",
                        "If-None-Match");
            }
            if (existing != null) {
                throw ObjectReads.preconditionFailed("If-None-Match");
            }
        }
        if (ifMatch != null) {
            if (existing == null) {
                throw S3Error.NoSuchKey.with("The specified key does not exist.", "Key", key);
            }
            if (!ObjectReads.eTagMatches(ifMatch, existing.eTag())) {
                throw ObjectReads.preconditionFailed("If-Match");
            }
        }
    }

    /**
     * Makes {@code object} the key's object in one commit, with its new blobs added and the replaced object's blobs
     * deleted, after {@code check} has seen the object it replaces (or null) under the key's lock.
     */
    void replace(
            String bucket,
            Stored.S3Object object,
            List<BlobId> added,
            Function<Stored.@Nullable S3Object, @Nullable Void> check) {
        Lock bucketLock = locks.bucket(bucket).readLock();
        bucketLock.lock();
        try {
            if (buckets.find(bucket) == null) {
                // Deleted while the body arrived.
                throw Buckets.noSuchBucket(bucket);
            }
            Lock keyLock = locks.key(bucket, object.key());
            keyLock.lock();
            try {
                String recordKey = S3Keys.object(bucket, object.key());
                byte[] old = store.read(recordKey);
                Stored.S3Object existing = old == null ? null : Stored.decode(old, Stored.S3Object.class);
                check.apply(existing);
                ObjectBatch batch = new ObjectBatch();
                added.forEach(batch::addBlob);
                batch.put(recordKey, Stored.encode(object));
                if (existing != null) {
                    existing.segments().forEach(segment -> batch.deleteBlob(new BlobId(segment.blob())));
                }
                store.commit(batch);
            } finally {
                keyLock.unlock();
            }
        } finally {
            bucketLock.unlock();
        }
    }

    ObjectShapes.CopyObjectOutput copy(S3Context context, ObjectShapes.CopyObjectRequest request) {
        String bucket = Buckets.required(request.destinationBucket());
        buckets.require(context, bucket);
        String key = ObjectRules.key(request.destinationKey());
        CopySource source = CopySource.parse(request.copySource());
        buckets.require(context, source.bucket());
        Stored.S3Object from = reads.find(source.bucket(), source.key());
        checkCopyConditions(
                from,
                request.copySourceIfMatch(),
                request.copySourceIfNoneMatch(),
                request.copySourceIfModifiedSince(),
                request.copySourceIfUnmodifiedSince());
        if (from.size() > S3Limits.MAX_PUT_BYTES) {
            throw S3Error.InvalidRequest.with("The specified copy source is larger than the maximum allowable size"
                    + " for a copy source: " + S3Limits.MAX_PUT_BYTES);
        }
        boolean replaceMetadata = "REPLACE".equals(request.metadataDirective());
        boolean replaceTags = "REPLACE".equals(request.taggingDirective());
        String storageClass = request.storageClass() == null
                ? ObjectRules.STANDARD
                : ObjectRules.storageClass(request.storageClass());
        if (source.bucket().equals(bucket)
                && source.key().equals(key)
                && !replaceMetadata
                && storageClass.equals(from.storageClass())) {
            throw S3Error.InvalidRequest.with("This copy request is illegal because it is trying to copy an object"
                    + " to itself without changing the object's metadata, storage class, website redirect location"
                    + " or encryption attributes.");
        }
        Stored.Headers headers = replaceMetadata
                ? new Stored.Headers(
                        request.contentType(),
                        request.contentEncoding(),
                        request.contentDisposition(),
                        request.contentLanguage(),
                        request.cacheControl(),
                        request.expires() == null ? null : request.expires().toEpochMilli())
                : from.headers();
        Map<String, String> metadata = replaceMetadata ? ObjectRules.metadata(request.metadata()) : from.metadata();
        Map<String, String> tags = replaceTags ? ObjectRules.tagsOfHeader(request.tagging()) : from.tags();
        try (BodyWriter.Written written = BodyWriter.copy(store, reads.open(from, 0, from.size()))) {
            // A copy is one part, whatever the source was: S3 answers a plain MD5 ETag for it.
            Stored.S3Object copy = new Stored.S3Object(
                    key,
                    List.of(new Stored.Segment(written.blob().value(), written.length())),
                    written.length(),
                    written.eTag(),
                    now(),
                    headers,
                    metadata,
                    tags,
                    Map.of(),
                    storageClass,
                    0);
            replace(bucket, copy, List.of(written.blob()), existing -> null);
            return new ObjectShapes.CopyObjectOutput(
                    new ObjectShapes.CopyObjectResult(written.eTag(), copy.lastModified()));
        }
    }

    /** The conditions of a copy's source; any that fails is PreconditionFailed. */
    static void checkCopyConditions(
            Stored.S3Object from,
            @Nullable String ifMatch,
            @Nullable String ifNoneMatch,
            java.time.@Nullable Instant ifModifiedSince,
            java.time.@Nullable Instant ifUnmodifiedSince) {
        if (ifMatch != null) {
            if (!ObjectReads.eTagMatches(ifMatch, from.eTag())) {
                throw ObjectReads.preconditionFailed("x-amz-copy-source-If-Match");
            }
        } else if (ifUnmodifiedSince != null && from.lastModified().isAfter(ifUnmodifiedSince)) {
            throw ObjectReads.preconditionFailed("x-amz-copy-source-If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            if (ObjectReads.eTagMatches(ifNoneMatch, from.eTag())) {
                throw ObjectReads.preconditionFailed("x-amz-copy-source-If-None-Match");
            }
        } else if (ifModifiedSince != null && !from.lastModified().isAfter(ifModifiedSince)) {
            throw ObjectReads.preconditionFailed("x-amz-copy-source-If-Modified-Since");
        }
    }

    /** The source of a copy, {@code bucket/key} URL-encoded, with an optional leading slash and version id. */
    record CopySource(String bucket, String key) {
        static CopySource parse(@Nullable String header) {
            if (header == null || header.isEmpty()) {
                throw invalid("");
            }
            String path = header.startsWith("/") ? header.substring(1) : header;
            int question = path.indexOf('?');
            if (question >= 0) {
                path = path.substring(0, question);
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalid(header);
            }
            int slash = decoded.indexOf('/');
            if (slash <= 0 || slash == decoded.length() - 1) {
                throw invalid(header);
            }
            return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1));
        }

        private static dev.wharf.common.AwsException invalid(String header) {
            return S3Error.InvalidArgument.with(
                    "Invalid copy source object key", "ArgumentName", "x-amz-copy-source", "ArgumentValue", header);
        }
    }

    void delete(S3Context context, ObjectShapes.DeleteObjectRequest request) {
        String bucket = Buckets.required(request.bucket());
        buckets.require(context, bucket);
        deleteKey(bucket, ObjectRules.key(request.key()));
    }

    private void deleteKey(String bucket, String key) {
        Lock bucketLock = locks.bucket(bucket).readLock();
        bucketLock.lock();
        try {
            Lock keyLock = locks.key(bucket, key);
            keyLock.lock();
            try {
                String recordKey = S3Keys.object(bucket, key);
                byte[] old = store.read(recordKey);
                if (old == null) {
                    // S3 answers 204 for a key that holds nothing.
                    return;
                }
                ObjectBatch batch = new ObjectBatch().delete(recordKey);
                Stored.decode(old, Stored.S3Object.class)
                        .segments()
                        .forEach(segment -> batch.deleteBlob(new BlobId(segment.blob())));
                store.commit(batch);
            } finally {
                keyLock.unlock();
            }
        } finally {
            bucketLock.unlock();
        }
    }

    ObjectShapes.DeleteObjectsOutput deleteObjects(S3Context context, ObjectShapes.DeleteObjectsRequest request) {
        String bucket = Buckets.required(request.bucket());
        buckets.require(context, bucket);
        ObjectShapes.Delete delete = request.delete();
        List<ObjectShapes.ObjectIdentifier> objects =
                delete == null || delete.objects() == null ? List.of() : delete.objects();
        if (objects.isEmpty() || objects.size() > S3Limits.MAX_KEYS) {
            throw S3Error.MalformedXML.with(
                    "The XML you provided was not well-formed or did not validate against" + " our published schema");
        }
        boolean quiet = delete != null && Boolean.TRUE.equals(delete.quiet());
        List<ObjectShapes.DeletedObject> deleted = new ArrayList<>();
        List<ObjectShapes.DeleteError> errors = new ArrayList<>();
        for (ObjectShapes.ObjectIdentifier object : objects) {
            String key = object.key() == null ? "" : object.key();
            try {
                deleteKey(bucket, ObjectRules.key(key));
                if (!quiet) {
                    deleted.add(new ObjectShapes.DeletedObject(key));
                }
            } catch (dev.wharf.common.AwsException e) {
                errors.add(new ObjectShapes.DeleteError(key, e.code().shapeName(), String.valueOf(e.getMessage())));
            }
        }
        return new ObjectShapes.DeleteObjectsOutput(deleted, errors);
    }

    void putTagging(S3Context context, ObjectShapes.PutObjectTaggingRequest request) {
        String bucket = Buckets.required(request.bucket());
        buckets.require(context, bucket);
        String key = ObjectRules.key(request.key());
        Map<String, String> tags = ObjectRules.tagsOf(request.tagging());
        retag(bucket, key, tags);
    }

    void deleteTagging(S3Context context, ObjectShapes.ObjectKeyRequest request) {
        String bucket = Buckets.required(request.bucket());
        buckets.require(context, bucket);
        retag(bucket, ObjectRules.key(request.key()), Map.of());
    }

    ObjectShapes.GetObjectTaggingOutput getTagging(S3Context context, ObjectShapes.ObjectKeyRequest request) {
        buckets.require(context, request.bucket());
        Stored.S3Object object = reads.find(request.bucket(), ObjectRules.key(request.key()));
        List<ObjectShapes.Tag> tags = new ArrayList<>();
        object.tags().forEach((key, value) -> tags.add(new ObjectShapes.Tag(key, value)));
        return new ObjectShapes.GetObjectTaggingOutput(tags);
    }

    private void retag(String bucket, String key, Map<String, String> tags) {
        Lock keyLock = locks.key(bucket, key);
        keyLock.lock();
        try {
            Stored.S3Object object = reads.find(bucket, key);
            Stored.S3Object tagged = new Stored.S3Object(
                    object.key(),
                    object.segments(),
                    object.size(),
                    object.eTag(),
                    object.lastModifiedMillis(),
                    object.headers(),
                    object.metadata(),
                    tags,
                    object.checksums(),
                    object.storageClass(),
                    object.partsCount());
            store.commit(new ObjectBatch().put(S3Keys.object(bucket, key), Stored.encode(tagged)));
        } finally {
            keyLock.unlock();
        }
    }

    long now() {
        return clock.instant().toEpochMilli() / 1000 * 1000;
    }
}

package dev.wharf.s3.engine;

import dev.wharf.s3.api.BucketShapes;
import dev.wharf.s3.api.S3Context;
import dev.wharf.s3.api.S3Error;
import dev.wharf.s3.api.S3Limits;
import dev.wharf.storage.ObjectBatch;
import dev.wharf.storage.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;

/**
 * S3's buckets: creation with S3's name rules and location constraints, lookup, listing and deletion. Bucket names
 * are one namespace per server, as they are one per partition on AWS: a name another account owns is taken.
 */
final class Buckets {

    static final String US_EAST_1 = "us-east-1";

    private final ObjectStore store;
    private final Clock clock;
    private final KeyLocks locks;

    Buckets(ObjectStore store, Clock clock, KeyLocks locks) {
        this.store = store;
        this.clock = clock;
        this.locks = locks;
    }

    BucketShapes.CreateBucketOutput create(S3Context context, BucketShapes.CreateBucketRequest request) {
        String name = required(request.bucket());
        BucketNames.check(name);
        String region = region(context, request.createBucketConfiguration());
        Lock lock = locks.bucket(name).writeLock();
        lock.lock();
        try {
            Stored.Bucket existing = find(name);
            if (existing != null) {
                if (!existing.owner().equals(context.accountId())) {
                    throw S3Error.BucketAlreadyExists.with(
                            "The requested bucket name is not available. The bucket namespace is shared by all users"
                                    + " of the system. Please select a different name and try again.",
                            "BucketName",
                            name);
                }
                // In us-east-1 S3 answers 200 to a second create of one's own bucket, for its legacy clients.
                if (!(existing.region().equals(US_EAST_1) && region.equals(US_EAST_1))) {
                    throw S3Error.BucketAlreadyOwnedByYou.with(
                            "Your previous request to create the named bucket succeeded and you already own it.",
                            "BucketName",
                            name);
                }
                return new BucketShapes.CreateBucketOutput("/" + name);
            }
            if (owned(context.accountId()) >= S3Limits.MAX_BUCKETS) {
                throw S3Error.InvalidRequest.with("You have attempted to create more buckets than allowed");
            }
            long now = clock.instant().toEpochMilli() / 1000 * 1000;
            Stored.Bucket bucket = new Stored.Bucket(name, context.accountId(), region, now);
            store.commit(new ObjectBatch().put(S3Keys.bucket(name), Stored.encode(bucket)));
            return new BucketShapes.CreateBucketOutput("/" + name);
        } finally {
            lock.unlock();
        }
    }

    /** The bucket's region: the location constraint, which must name the region the request was signed for. */
    private static String region(S3Context context, BucketShapes.@Nullable CreateBucketConfiguration configuration) {
        String constraint = configuration == null ? null : configuration.locationConstraint();
        if (constraint == null || constraint.isEmpty()) {
            if (!context.region().equals(US_EAST_1)) {
                throw S3Error.IllegalLocationConstraintException.with("The unspecified location constraint is"
                        + " incompatible for the region specific endpoint this request was sent to.");
            }
            return US_EAST_1;
        }
        if (constraint.equals(US_EAST_1) || !constraint.equals(context.region())) {
            throw S3Error.IllegalLocationConstraintException.with("The " + constraint
                    + " location constraint is incompatible for the region specific endpoint this request was sent"
                    + " to.");
        }
        return constraint;
    }

    /** The caller's bucket, or NoSuchBucket; a bucket of another account is AccessDenied. */
    Stored.Bucket require(S3Context context, @Nullable String name) {
        String bucketName = required(name);
        Stored.Bucket bucket = find(bucketName);
        if (bucket == null) {
            throw noSuchBucket(bucketName);
        }
        if (!bucket.owner().equals(context.accountId())) {
            throw S3Error.AccessDenied.with("Access Denied");
        }
        return bucket;
    }

    Stored.@Nullable Bucket find(String name) {
        byte[] value = store.read(S3Keys.bucket(name));
        return value == null ? null : Stored.decode(value, Stored.Bucket.class);
    }

    BucketShapes.HeadBucketOutput head(S3Context context, BucketShapes.BucketRequest request) {
        return new BucketShapes.HeadBucketOutput(
                require(context, request.bucket()).region());
    }

    BucketShapes.GetBucketLocationOutput location(S3Context context, BucketShapes.BucketRequest request) {
        String region = require(context, request.bucket()).region();
        // S3 answers an empty LocationConstraint for us-east-1.
        return new BucketShapes.GetBucketLocationOutput(region.equals(US_EAST_1) ? null : region);
    }

    void delete(S3Context context, BucketShapes.BucketRequest request) {
        String name = required(request.bucket());
        Lock lock = locks.bucket(name).writeLock();
        lock.lock();
        try {
            require(context, name);
            boolean[] empty = {true};
            store.scan(S3Keys.objects(name), "", (key, value) -> empty[0] = false);
            if (!empty[0]) {
                throw S3Error.BucketNotEmpty.with("The bucket you tried to delete is not empty", "BucketName", name);
            }
            ObjectBatch batch = new ObjectBatch().delete(S3Keys.bucket(name));
            // Uploads still in progress go with the bucket, their parts' blobs too.
            store.scan(S3Keys.uploads(name), "", (key, value) -> {
                Stored.Upload upload = Stored.decode(value, Stored.Upload.class);
                batch.delete(key);
                store.scan(S3Keys.parts(upload.uploadId()), "", (partKey, part) -> {
                    batch.delete(partKey);
                    batch.deleteBlob(new dev.wharf.storage.BlobId(
                            Stored.decode(part, Stored.Part.class).segment().blob()));
                    return true;
                });
                return true;
            });
            store.commit(batch);
        } finally {
            lock.unlock();
        }
    }

    BucketShapes.ListBucketsOutput list(S3Context context, BucketShapes.ListBucketsRequest request) {
        int max = request.maxBuckets() == null ? S3Limits.MAX_BUCKETS : request.maxBuckets();
        if (max < 1 || max > S3Limits.MAX_BUCKETS) {
            throw S3Error.InvalidArgument.with(
                    "Argument max-buckets must be an integer between 1 and 10000",
                    "ArgumentName",
                    "max-buckets",
                    "ArgumentValue",
                    Integer.toString(max));
        }
        String prefix = request.prefix() == null ? "" : request.prefix();
        String from = request.continuationToken() == null ? "" : S3Keys.bucket(request.continuationToken()) + '\0';
        List<BucketShapes.Bucket> buckets = new ArrayList<>();
        String[] next = {null};
        store.scan(S3Keys.bucket(prefix), from, (key, value) -> {
            Stored.Bucket bucket = Stored.decode(value, Stored.Bucket.class);
            if (!bucket.owner().equals(context.accountId())) {
                return true;
            }
            if (buckets.size() == max) {
                next[0] = buckets.get(max - 1).name();
                return false;
            }
            buckets.add(new BucketShapes.Bucket(
                    bucket.name(), Instant.ofEpochMilli(bucket.createdMillis()), bucket.region()));
            return true;
        });
        return new BucketShapes.ListBucketsOutput(buckets, owner(context), next[0], request.prefix());
    }

    private int owned(String accountId) {
        int[] count = {0};
        store.scan(S3Keys.BUCKETS, "", (key, value) -> {
            if (Stored.decode(value, Stored.Bucket.class).owner().equals(accountId)) {
                count[0]++;
            }
            return true;
        });
        return count[0];
    }

    static BucketShapes.Owner owner(S3Context context) {
        return new BucketShapes.Owner(context.accessKeyId(), context.accountId());
    }

    static dev.wharf.common.AwsException noSuchBucket(String name) {
        return S3Error.NoSuchBucket.with("The specified bucket does not exist", "BucketName", name);
    }

    static String required(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            // The codec fills every path label; an empty one is a bucket name S3 cannot have.
            throw S3Error.InvalidBucketName.with("The specified bucket is not valid.", "BucketName", "");
        }
        return value;
    }
}

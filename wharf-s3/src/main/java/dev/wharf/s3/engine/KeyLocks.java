package dev.wharf.s3.engine;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Serializes the read-modify-write of S3's records: a bucket's lock (shared by every write into the bucket, exclusive
 * for creating or deleting it) and, inside it, a key's lock for the change of one object or upload. Both are striped,
 * so their memory is bounded whatever the number of keys; two keys on one stripe only wait for each other.
 *
 * <p>Lock order: a bucket's lock, then a key's, never the other way; bodies stream before either is taken, so no lock
 * is held while a client sends.
 */
final class KeyLocks {

    private static final int BUCKET_STRIPES = 64;
    private static final int KEY_STRIPES = 1024;

    private final ReadWriteLock[] buckets = new ReadWriteLock[BUCKET_STRIPES];
    private final ReentrantLock[] keys = new ReentrantLock[KEY_STRIPES];

    KeyLocks() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new ReentrantReadWriteLock();
        }
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new ReentrantLock();
        }
    }

    ReadWriteLock bucket(String bucket) {
        return buckets[Math.floorMod(bucket.hashCode(), BUCKET_STRIPES)];
    }

    ReentrantLock key(String bucket, String key) {
        return keys[Math.floorMod(31 * bucket.hashCode() + key.hashCode(), KEY_STRIPES)];
    }
}

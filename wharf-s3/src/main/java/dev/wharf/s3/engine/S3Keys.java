package dev.wharf.s3.engine;

/**
 * Where S3's records live in the {@link dev.wharf.storage.ObjectStore}: each kind under its own prefix, laid out so
 * that a bucket's objects, and a key's uploads, are one contiguous range in S3's listing order (UTF-8 bytes).
 *
 * <ul>
 *   <li>{@code b/<bucket>}: a bucket;
 *   <li>{@code o/<bucket>/<key>}: an object (bucket names hold no {@code /}, so the key starts after the first);
 *   <li>{@code u/<bucket>/<key>\0<uploadId>}: a multipart upload in progress; U+0000 sorts before every character a
 *       key can hold (XML cannot carry it), so a key's uploads sort right after the key, before any longer key;
 *   <li>{@code p/<uploadId>/<partNumber, five digits>}: an uploaded part.
 * </ul>
 */
final class S3Keys {

    static final String BUCKETS = "b/";

    private S3Keys() {}

    static String bucket(String bucket) {
        return BUCKETS + bucket;
    }

    static String objects(String bucket) {
        return "o/" + bucket + "/";
    }

    static String object(String bucket, String key) {
        return objects(bucket) + key;
    }

    static String uploads(String bucket) {
        return "u/" + bucket + "/";
    }

    static String upload(String bucket, String key, String uploadId) {
        return uploads(bucket) + key + '\0' + uploadId;
    }

    static String parts(String uploadId) {
        return "p/" + uploadId + "/";
    }

    static String part(String uploadId, int partNumber) {
        return parts(uploadId) + String.format(java.util.Locale.ROOT, "%05d", partNumber);
    }
}

package dev.wharf.s3.api;

/** Amazon S3's quotas, as its user guide gives them. */
public final class S3Limits {

    /** The largest object a single PutObject (or a part, or a copy) may carry: 5 GiB. */
    public static final long MAX_PUT_BYTES = 5L * 1024 * 1024 * 1024;
    /** The largest object a multipart upload may assemble: 5 TiB. */
    public static final long MAX_OBJECT_BYTES = 5L * 1024 * 1024 * 1024 * 1024;
    /** The least size of every part but the last: 5 MiB. */
    public static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    public static final int MAX_PART_NUMBER = 10_000;
    /** The most keys one listing returns, and one DeleteObjects names. */
    public static final int MAX_KEYS = 1000;
    /** The longest key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /** The user-defined metadata's most bytes: names and values, in UTF-8. */
    public static final int MAX_METADATA_BYTES = 2 * 1024;

    public static final int MAX_TAGS = 10;
    public static final int MAX_TAG_KEY_CHARS = 128;
    public static final int MAX_TAG_VALUE_CHARS = 256;
    /** The most buckets one account may own (S3's default quota). */
    public static final int MAX_BUCKETS = 10_000;

    private S3Limits() {}
}

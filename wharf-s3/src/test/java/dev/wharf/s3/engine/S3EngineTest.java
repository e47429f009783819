package dev.wharf.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.AwsException;
import dev.wharf.common.TestClock;
import dev.wharf.s3.api.BucketShapes;
import dev.wharf.s3.api.MultipartShapes;
import dev.wharf.s3.api.ObjectRead;
import dev.wharf.s3.api.ObjectShapes;
import dev.wharf.s3.api.S3Context;
import dev.wharf.s3.api.S3Error;
import dev.wharf.s3.api.S3ErrorDetail;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class S3EngineTest {

    static final S3Context ALICE = new S3Context("111111111111", "AKIDALICE", "us-east-1");
    static final S3Context BOB = new S3Context("222222222222", "AKIDBOB", "us-east-1");

    final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00.250Z"));
    final ObjectStore store = new MemoryStorageEngine().objects();
    final S3Engine engine = new S3Engine(store, clock);

    static AwsException assertS3Error(ThrowableAssert.ThrowingCallable call, S3Error code) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(AwsException.class);
        AwsException e = (AwsException) thrown;
        assertThat(e.code()).isEqualTo(code);
        return e;
    }

    static Map<String, String> elements(AwsException e) {
        return e.detail() instanceof S3ErrorDetail detail ? detail.elements() : Map.of();
    }

    void createBucket(String name) {
        engine.createBucket(ALICE, new BucketShapes.CreateBucketRequest(name, null));
    }

    static ObjectShapes.PutObjectRequest put(String bucket, String key) {
        return put(bucket, key, null, Map.of());
    }

    static ObjectShapes.PutObjectRequest put(
            String bucket, String key, @Nullable String contentType, Map<String, String> metadata) {
        return new ObjectShapes.PutObjectRequest(
                bucket,
                key,
                null,
                null,
                contentType,
                null,
                null,
                null,
                null,
                null,
                metadata,
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
    }

    ObjectShapes.PutObjectOutput putText(String bucket, String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return engine.putObject(ALICE, put(bucket, key), new ByteArrayInputStream(bytes), bytes.length, Map::of);
    }

    static ObjectShapes.GetObjectRequest get(String bucket, String key) {
        return getRange(bucket, key, null);
    }

    static ObjectShapes.GetObjectRequest getRange(String bucket, String key, @Nullable String range) {
        return new ObjectShapes.GetObjectRequest(
                bucket, key, null, null, null, null, range, null, null, null, null, null, null, null, null, null);
    }

    static String read(ObjectRead read) throws IOException {
        try (InputStream body = bodyOf(read)) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static InputStream bodyOf(ObjectRead read) {
        InputStream body = read.body();
        assertThat(body).as("a GET's body").isNotNull();
        return java.util.Objects.requireNonNull(body);
    }

    static String md5Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void createBucketChecksNamesAsS3Does() {
        for (String bad : List.of(
                "ab",
                "UPPER",
                "-start",
                "end-",
                "a..b",
                "192.168.1.1",
                "xn--abc",
                "bucket-s3alias",
                "a".repeat(64),
                "under_score")) {
            AwsException e = assertS3Error(() -> createBucket(bad), S3Error.InvalidBucketName);
            assertThat(elements(e)).containsEntry("BucketName", bad);
        }
        createBucket("my.bucket-1");
        assertThat(engine.headBucket(ALICE, new BucketShapes.BucketRequest("my.bucket-1"))
                        .bucketRegion())
                .isEqualTo("us-east-1");
    }

    @Test
    void recreatingOwnBucketSucceedsInUsEast1AndIsAlreadyOwnedElsewhere() {
        createBucket("mine");
        createBucket("mine");
        S3Context west = new S3Context(ALICE.accountId(), ALICE.accessKeyId(), "eu-west-1");
        engine.createBucket(
                west,
                new BucketShapes.CreateBucketRequest("west", new BucketShapes.CreateBucketConfiguration("eu-west-1")));
        assertS3Error(
                () -> engine.createBucket(
                        west,
                        new BucketShapes.CreateBucketRequest(
                                "west", new BucketShapes.CreateBucketConfiguration("eu-west-1"))),
                S3Error.BucketAlreadyOwnedByYou);
        assertS3Error(
                () -> engine.createBucket(BOB, new BucketShapes.CreateBucketRequest("mine", null)),
                S3Error.BucketAlreadyExists);
        assertS3Error(() -> engine.headBucket(BOB, new BucketShapes.BucketRequest("mine")), S3Error.AccessDenied);
        assertThat(engine.getBucketLocation(west, new BucketShapes.BucketRequest("west"))
                        .locationConstraint())
                .isEqualTo("eu-west-1");
        assertThat(engine.getBucketLocation(ALICE, new BucketShapes.BucketRequest("mine"))
                        .locationConstraint())
                .isNull();
    }

    @Test
    void locationConstraintMustNameTheSigningRegion() {
        S3Context west = new S3Context(ALICE.accountId(), ALICE.accessKeyId(), "eu-west-1");
        assertS3Error(
                () -> engine.createBucket(west, new BucketShapes.CreateBucketRequest("nowhere", null)),
                S3Error.IllegalLocationConstraintException);
        assertS3Error(
                () -> engine.createBucket(
                        ALICE,
                        new BucketShapes.CreateBucketRequest(
                                "elsewhere", new BucketShapes.CreateBucketConfiguration("eu-west-1"))),
                S3Error.IllegalLocationConstraintException);
    }

    @Test
    void listBucketsShowsOnlyTheCallersInNameOrderAndPages() {
        createBucket("b-two");
        createBucket("a-one");
        createBucket("c-three");
        engine.createBucket(BOB, new BucketShapes.CreateBucketRequest("bobs", null));
        BucketShapes.ListBucketsOutput all =
                engine.listBuckets(ALICE, new BucketShapes.ListBucketsRequest(null, null, null));
        assertThat(all.buckets()).extracting(BucketShapes.Bucket::name).containsExactly("a-one", "b-two", "c-three");
        assertThat(all.owner().iD()).isEqualTo(ALICE.accountId());
        BucketShapes.ListBucketsOutput first =
                engine.listBuckets(ALICE, new BucketShapes.ListBucketsRequest(2, null, null));
        assertThat(first.buckets()).extracting(BucketShapes.Bucket::name).containsExactly("a-one", "b-two");
        BucketShapes.ListBucketsOutput rest =
                engine.listBuckets(ALICE, new BucketShapes.ListBucketsRequest(2, first.continuationToken(), null));
        assertThat(rest.buckets()).extracting(BucketShapes.Bucket::name).containsExactly("c-three");
        assertThat(rest.continuationToken()).isNull();
    }

    @Test
    void deleteBucketRefusesOneWithObjectsAndForgetsAnEmptyOne() {
        createBucket("full");
        putText("full", "k", "v");
        AwsException e = assertS3Error(
                () -> engine.deleteBucket(ALICE, new BucketShapes.BucketRequest("full")), S3Error.BucketNotEmpty);
        assertThat(e.code().httpStatus()).isEqualTo(409);
        engine.deleteObject(ALICE, new ObjectShapes.DeleteObjectRequest("full", "k", null));
        engine.deleteBucket(ALICE, new BucketShapes.BucketRequest("full"));
        assertS3Error(() -> engine.headBucket(ALICE, new BucketShapes.BucketRequest("full")), S3Error.NoSuchBucket);
        assertS3Error(() -> putText("full", "k", "v"), S3Error.NoSuchBucket);
    }

    @Test
    void putThenGetReturnsTheBytesTheMd5ETagAndTheStoredHeaders() throws Exception {
        createBucket("data");
        byte[] body = "hello, wharf".getBytes(StandardCharsets.UTF_8);
        ObjectShapes.PutObjectOutput out = engine.putObject(
                ALICE,
                put("data", "dir/a.txt", "text/plain", Map.of("Owner", "me")),
                new ByteArrayInputStream(body),
                body.length,
                () -> Map.of("ChecksumCRC32", "abcd"));
        assertThat(out.eTag()).isEqualTo('"' + md5Hex(body) + '"');
        assertThat(out.checksumCRC32()).isEqualTo("abcd");
        ObjectRead read = engine.getObject(ALICE, get("data", "dir/a.txt"), false);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read(read)).isEqualTo("hello, wharf");
        assertThat(read.output().eTag()).isEqualTo(out.eTag());
        assertThat(read.output().contentType()).isEqualTo("text/plain");
        assertThat(read.output().contentLength()).isEqualTo(body.length);
        assertThat(read.output().metadata()).containsExactly(Map.entry("owner", "me"));
        assertThat(read.output().lastModified()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        ObjectRead head = engine.getObject(ALICE, get("data", "dir/a.txt"), true);
        assertThat(head.body()).isNull();
        assertThat(head.output().contentLength()).isEqualTo(body.length);
    }

    @Test
    void overwritingAKeyReplacesItsBodyAndFreesTheOldBlob() throws Exception {
        createBucket("data");
        putText("data", "k", "first");
        putText("data", "k", "second, longer");
        assertThat(read(engine.getObject(ALICE, get("data", "k"), false))).isEqualTo("second, longer");
    }

    @Test
    void getOfAMissingKeyIsNoSuchKeyWithTheKey() {
        createBucket("data");
        AwsException e = assertS3Error(() -> engine.getObject(ALICE, get("data", "nope"), false), S3Error.NoSuchKey);
        assertThat(elements(e)).containsEntry("Key", "nope");
        assertS3Error(() -> engine.getObject(ALICE, get("nobucket", "nope"), false), S3Error.NoSuchBucket);
    }

    @Test
    void aBodyShorterThanItsContentLengthStoresNothing() {
        createBucket("data");
        assertS3Error(
                () -> engine.putObject(ALICE, put("data", "k"), new ByteArrayInputStream(new byte[3]), 10, Map::of),
                S3Error.IncompleteBody);
        assertS3Error(() -> engine.getObject(ALICE, get("data", "k"), false), S3Error.NoSuchKey);
    }

    @Test
    void aContentMd5ThatDoesNotMatchIsBadDigest() {
        createBucket("data");
        ObjectShapes.PutObjectRequest request = new ObjectShapes.PutObjectRequest(
                "data",
                "k",
                null,
                "1B2M2Y8AsgTpgAmY7PhCfg==",
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
                null,
                null,
                null);
        assertS3Error(
                () -> engine.putObject(ALICE, request, new ByteArrayInputStream(new byte[] {1}), 1, Map::of),
                S3Error.BadDigest);
        ObjectShapes.PutObjectRequest invalid = new ObjectShapes.PutObjectRequest(
                "data",
                "k",
                null,
                "not base64!",
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
                null,
                null,
                null);
        assertS3Error(
                () -> engine.putObject(ALICE, invalid, new ByteArrayInputStream(new byte[] {1}), 1, Map::of),
                S3Error.InvalidDigest);
    }

    @Test
    void rangesServePartsOfTheObjectAndAnUnsatisfiableOneIsInvalidRange() throws Exception {
        createBucket("data");
        putText("data", "k", "0123456789");
        ObjectRead middle = engine.getObject(ALICE, getRange("data", "k", "bytes=2-5"), false);
        assertThat(middle.status()).isEqualTo(206);
        assertThat(read(middle)).isEqualTo("2345");
        assertThat(middle.output().contentRange()).isEqualTo("bytes 2-5/10");
        assertThat(read(engine.getObject(ALICE, getRange("data", "k", "bytes=7-"), false)))
                .isEqualTo("789");
        assertThat(read(engine.getObject(ALICE, getRange("data", "k", "bytes=-3"), false)))
                .isEqualTo("789");
        assertThat(read(engine.getObject(ALICE, getRange("data", "k", "bytes=8-100"), false)))
                .isEqualTo("89");
        ObjectRead ignored = engine.getObject(ALICE, getRange("data", "k", "lines=1-2"), false);
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(read(ignored)).isEqualTo("0123456789");
        AwsException e = assertS3Error(
                () -> engine.getObject(ALICE, getRange("data", "k", "bytes=10-"), false), S3Error.InvalidRange);
        assertThat(e.code().httpStatus()).isEqualTo(416);
        assertThat(elements(e)).containsEntry("ActualObjectSize", "10");
        assertThat(((S3ErrorDetail) java.util.Objects.requireNonNull(e.detail())).headers())
                .containsEntry("Content-Range", "bytes */10");
    }

    @Test
    void conditionalGetsFollowHttpPrecedence() {
        createBucket("data");
        String eTag = putText("data", "k", "v").eTag();
        Instant modified = Instant.parse("2026-12-02T10:00:00Z");
        assertThat(engine.getObject(ALICE, conditional(eTag, null, null, null), true)
                        .status())
                .isEqualTo(200);
        assertS3Error(
                () -> engine.getObject(ALICE, conditional("\"other\"", null, null, null), true),
                S3Error.PreconditionFailed);
        assertS3Error(() -> engine.getObject(ALICE, conditional(null, null, eTag, null), true), S3Error.NotModified);
        assertS3Error(
                () -> engine.getObject(ALICE, conditional(null, modified, null, null), true), S3Error.NotModified);
        assertThat(engine.getObject(ALICE, conditional(null, modified.minusSeconds(1), null, null), true)
                        .status())
                .isEqualTo(200);
        assertS3Error(
                () -> engine.getObject(ALICE, conditional(null, null, null, modified.minusSeconds(1)), true),
                S3Error.PreconditionFailed);
        // If-Match that holds overrides a failing If-Unmodified-Since; If-None-Match that fails overrides
        // If-Modified-Since.
        assertThat(engine.getObject(ALICE, conditional(eTag, null, null, modified.minusSeconds(1)), true)
                        .status())
                .isEqualTo(200);
        assertThat(engine.getObject(ALICE, conditional(null, modified, "\"other\"", null), true)
                        .status())
                .isEqualTo(200);
    }

    static ObjectShapes.GetObjectRequest conditional(
            @Nullable String ifMatch,
            @Nullable Instant ifModifiedSince,
            @Nullable String ifNoneMatch,
            @Nullable Instant ifUnmodifiedSince) {
        return new ObjectShapes.GetObjectRequest(
                "data",
                "k",
                ifMatch,
                ifModifiedSince,
                ifNoneMatch,
                ifUnmodifiedSince,
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
    }

    @Test
    void conditionalPutsCreateOnlyOrReplaceOnlyTheNamedETag() {
        createBucket("data");
        ObjectShapes.PutObjectRequest createOnly = new ObjectShapes.PutObjectRequest(
                "data", "k", null, null, null, null, null, null, null, null, null, null, null, null, "*", null, null,
                null, null, null, null);
        engine.putObject(ALICE, createOnly, new ByteArrayInputStream(new byte[] {1}), 1, Map::of);
        assertS3Error(
                () -> engine.putObject(ALICE, createOnly, new ByteArrayInputStream(new byte[] {2}), 1, Map::of),
                S3Error.PreconditionFailed);
    }

    @Test
    void copyKeepsOrReplacesMetadataAndRefusesAPlainCopyOntoItself() throws Exception {
        createBucket("data");
        engine.putObject(
                ALICE,
                put("data", "src", "text/plain", Map.of("a", "1")),
                new ByteArrayInputStream("copied".getBytes(StandardCharsets.UTF_8)),
                6,
                Map::of);
        ObjectShapes.CopyObjectOutput copy = engine.copyObject(ALICE, copy("data", "dst", "data/src", null, null));
        assertThat(copy.copyObjectResult().eTag())
                .isEqualTo('"' + md5Hex("copied".getBytes(StandardCharsets.UTF_8)) + '"');
        ObjectRead read = engine.getObject(ALICE, get("data", "dst"), false);
        assertThat(read(read)).isEqualTo("copied");
        assertThat(read.output().metadata()).containsEntry("a", "1");
        assertThat(read.output().contentType()).isEqualTo("text/plain");
        engine.copyObject(ALICE, copy("data", "dst", "/data/src", "REPLACE", Map.of("b", "2")));
        assertThat(engine.getObject(ALICE, get("data", "dst"), true).output().metadata())
                .containsExactly(Map.entry("b", "2"));
        assertS3Error(
                () -> engine.copyObject(ALICE, copy("data", "src", "data/src", null, null)), S3Error.InvalidRequest);
        assertS3Error(() -> engine.copyObject(ALICE, copy("data", "x", "data/missing", null, null)), S3Error.NoSuchKey);
        assertS3Error(() -> engine.copyObject(ALICE, copy("data", "x", "nokey", null, null)), S3Error.InvalidArgument);
    }

    static ObjectShapes.CopyObjectRequest copy(
            String bucket,
            String key,
            String source,
            @Nullable String directive,
            @Nullable Map<String, String> metadata) {
        return new ObjectShapes.CopyObjectRequest(
                bucket, key, source, null, null, null, null, directive, null, null, null, null, null, null, null,
                metadata, null, null);
    }

    @Test
    void deleteObjectsReportsEachKeyAndQuietReportsOnlyErrors() {
        createBucket("data");
        putText("data", "a", "1");
        putText("data", "b", "2");
        ObjectShapes.DeleteObjectsOutput out = engine.deleteObjects(
                ALICE,
                new ObjectShapes.DeleteObjectsRequest(
                        "data",
                        new ObjectShapes.Delete(
                                List.of(
                                        new ObjectShapes.ObjectIdentifier("a", null),
                                        new ObjectShapes.ObjectIdentifier("zz", null)),
                                null)));
        assertThat(out.deleted()).extracting(ObjectShapes.DeletedObject::key).containsExactly("a", "zz");
        ObjectShapes.DeleteObjectsOutput quiet = engine.deleteObjects(
                ALICE,
                new ObjectShapes.DeleteObjectsRequest(
                        "data", new ObjectShapes.Delete(List.of(new ObjectShapes.ObjectIdentifier("b", null)), true)));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(quiet.errors()).isEmpty();
        assertS3Error(() -> engine.getObject(ALICE, get("data", "b"), true), S3Error.NoSuchKey);
        assertS3Error(
                () -> engine.deleteObjects(
                        ALICE, new ObjectShapes.DeleteObjectsRequest("data", new ObjectShapes.Delete(List.of(), null))),
                S3Error.MalformedXML);
    }

    @Test
    void taggingIsStoredCountedAndChecked() {
        createBucket("data");
        putText("data", "k", "v");
        engine.putObjectTagging(
                ALICE,
                new ObjectShapes.PutObjectTaggingRequest(
                        "data", "k", new ObjectShapes.Tagging(List.of(new ObjectShapes.Tag("env", "test")))));
        assertThat(engine.getObjectTagging(ALICE, new ObjectShapes.ObjectKeyRequest("data", "k"))
                        .tagSet())
                .containsExactly(new ObjectShapes.Tag("env", "test"));
        assertThat(engine.getObject(ALICE, get("data", "k"), true).output().tagCount())
                .isEqualTo(1);
        engine.deleteObjectTagging(ALICE, new ObjectShapes.ObjectKeyRequest("data", "k"));
        assertThat(engine.getObjectTagging(ALICE, new ObjectShapes.ObjectKeyRequest("data", "k"))
                        .tagSet())
                .isEmpty();
        List<ObjectShapes.Tag> eleven = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> new ObjectShapes.Tag("k" + i, "v"))
                .toList();
        assertS3Error(
                () -> engine.putObjectTagging(
                        ALICE, new ObjectShapes.PutObjectTaggingRequest("data", "k", new ObjectShapes.Tagging(eleven))),
                S3Error.InvalidTag);
    }

    @Test
    void metadataOverTwoKilobytesIsMetadataTooLarge() {
        createBucket("data");
        assertS3Error(
                () -> engine.putObject(
                        ALICE,
                        put("data", "k", null, Map.of("big", "x".repeat(2048))),
                        new ByteArrayInputStream(new byte[0]),
                        0,
                        Map::of),
                S3Error.MetadataTooLarge);
        assertS3Error(() -> putText("data", "k".repeat(1025), "v"), S3Error.KeyTooLongError);
    }

    @Test
    void listObjectsV2RollsUpCommonPrefixesAndPagesWithContinuationTokens() {
        createBucket("data");
        for (String key : List.of("a.txt", "dir/1", "dir/2", "dir/sub/3", "e.txt", "f/x", "g.txt")) {
            putText("data", key, key);
        }
        BucketShapes.ListObjectsV2Output top = engine.listObjectsV2(ALICE, listV2(null, "/", null, null, null));
        assertThat(top.contents())
                .extracting(BucketShapes.ListedObject::key)
                .containsExactly("a.txt", "e.txt", "g.txt");
        assertThat(top.commonPrefixes())
                .extracting(BucketShapes.CommonPrefix::prefix)
                .containsExactly("dir/", "f/");
        assertThat(top.keyCount()).isEqualTo(5);
        assertThat(top.isTruncated()).isFalse();
        BucketShapes.ListObjectsV2Output dir = engine.listObjectsV2(ALICE, listV2("dir/", "/", null, null, null));
        assertThat(dir.contents()).extracting(BucketShapes.ListedObject::key).containsExactly("dir/1", "dir/2");
        assertThat(dir.commonPrefixes())
                .extracting(BucketShapes.CommonPrefix::prefix)
                .containsExactly("dir/sub/");
        List<String> seen = new java.util.ArrayList<>();
        String token = null;
        for (int page = 0; page < 10; page++) {
            BucketShapes.ListObjectsV2Output out = engine.listObjectsV2(ALICE, listV2(null, "/", 2, token, null));
            out.contents().forEach(o -> seen.add(o.key()));
            out.commonPrefixes().forEach(p -> seen.add(p.prefix()));
            token = out.nextContinuationToken();
            assertThat(out.isTruncated()).isEqualTo(token != null);
            if (token == null) {
                break;
            }
        }
        assertThat(seen).containsExactly("a.txt", "dir/", "e.txt", "f/", "g.txt");
        assertThat(engine.listObjectsV2(ALICE, listV2(null, null, null, null, "dir/2"))
                        .contents())
                .extracting(BucketShapes.ListedObject::key)
                .containsExactly("dir/sub/3", "e.txt", "f/x", "g.txt");
    }

    static BucketShapes.ListObjectsV2Request listV2(
            @Nullable String prefix,
            @Nullable String delimiter,
            @Nullable Integer maxKeys,
            @Nullable String token,
            @Nullable String startAfter) {
        return new BucketShapes.ListObjectsV2Request("data", delimiter, null, maxKeys, prefix, token, null, startAfter);
    }

    @Test
    void listingsSortKeysByTheirUtf8BytesAndUrlEncodeOnRequest() {
        createBucket("data");
        for (String key : List.of("\uE000", "\uD83D\uDE00", "a b", "z")) {
            putText("data", key, "v");
        }
        BucketShapes.ListObjectsV2Output out = engine.listObjectsV2(ALICE, listV2(null, null, null, null, null));
        assertThat(out.contents())
                .extracting(BucketShapes.ListedObject::key)
                .containsExactly("a b", "z", "\uE000", "\uD83D\uDE00");
        BucketShapes.ListObjectsV2Output encoded = engine.listObjectsV2(
                ALICE, new BucketShapes.ListObjectsV2Request("data", null, "url", null, "a ", null, null, null));
        assertThat(encoded.contents())
                .extracting(BucketShapes.ListedObject::key)
                .containsExactly("a+b");
        assertThat(encoded.prefix()).isEqualTo("a+");
        assertS3Error(
                () -> engine.listObjectsV2(
                        ALICE,
                        new BucketShapes.ListObjectsV2Request("data", null, "base64", null, null, null, null, null)),
                S3Error.InvalidArgument);
    }

    @Test
    void listObjectsV1GivesNextMarkerOnlyWithADelimiter() {
        createBucket("data");
        for (String key : List.of("a", "b/1", "c")) {
            putText("data", key, key);
        }
        BucketShapes.ListObjectsOutput plain =
                engine.listObjects(ALICE, new BucketShapes.ListObjectsRequest("data", null, null, null, 1, null));
        assertThat(plain.isTruncated()).isTrue();
        assertThat(plain.nextMarker()).isNull();
        BucketShapes.ListObjectsOutput next =
                engine.listObjects(ALICE, new BucketShapes.ListObjectsRequest("data", null, null, "a", 5, null));
        assertThat(next.contents()).extracting(BucketShapes.ListedObject::key).containsExactly("b/1", "c");
        BucketShapes.ListObjectsOutput delimited =
                engine.listObjects(ALICE, new BucketShapes.ListObjectsRequest("data", "/", null, null, 2, null));
        assertThat(delimited.nextMarker()).isEqualTo("b/");
    }

    byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }

    MultipartShapes.UploadPartOutput part(String key, String uploadId, int number, byte[] body) {
        return engine.uploadPart(
                ALICE,
                new MultipartShapes.UploadPartRequest(
                        "data", key, number, uploadId, null, null, null, null, null, null, null),
                new ByteArrayInputStream(body),
                body.length,
                Map::of);
    }

    @Test
    void completingAnUploadJoinsItsPartsUnderS3sMultipartETag() throws Exception {
        createBucket("data");
        String uploadId = engine.createMultipartUpload(
                        ALICE,
                        new MultipartShapes.CreateMultipartUploadRequest(
                                "data",
                                "big",
                                "application/x-test",
                                null,
                                null,
                                null,
                                null,
                                null,
                                Map.of("m", "v"),
                                null,
                                null,
                                null))
                .uploadId();
        byte[] one = bytes(5 * 1024 * 1024, 1);
        byte[] two = bytes(1000, 2);
        String e1 = part("big", uploadId, 1, one).eTag();
        part("big", uploadId, 2, bytes(7, 9));
        String e2 = part("big", uploadId, 2, two).eTag();
        MultipartShapes.ListPartsOutput parts =
                engine.listParts(ALICE, new MultipartShapes.ListPartsRequest("data", "big", uploadId, null, null));
        assertThat(parts.parts()).extracting(MultipartShapes.Part::size).containsExactly((long) one.length, 1000L);
        MultipartShapes.CompleteMultipartUploadOutput done = engine.completeMultipartUpload(
                ALICE,
                new MultipartShapes.CompleteMultipartUploadRequest(
                        "data",
                        "big",
                        uploadId,
                        new MultipartShapes.CompletedMultipartUpload(List.of(
                                new MultipartShapes.CompletedPart(e1, 1), new MultipartShapes.CompletedPart(e2, 2)))),
                "http://localhost:4566");
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(MessageDigest.getInstance("MD5").digest(one));
        md5.update(MessageDigest.getInstance("MD5").digest(two));
        assertThat(done.eTag()).isEqualTo('"' + HexFormat.of().formatHex(md5.digest()) + "-2\"");
        assertThat(done.location()).isEqualTo("http://localhost:4566/data/big");
        ObjectRead read = engine.getObject(ALICE, get("data", "big"), false);
        byte[] whole;
        try (InputStream body = bodyOf(read)) {
            whole = body.readAllBytes();
        }
        assertThat(whole).hasSize(one.length + two.length);
        assertThat(java.util.Arrays.copyOfRange(whole, one.length, whole.length))
                .isEqualTo(two);
        assertThat(read.output().metadata()).containsEntry("m", "v");
        assertThat(read.output().contentType()).isEqualTo("application/x-test");
        ObjectRead second = engine.getObject(
                ALICE,
                new ObjectShapes.GetObjectRequest(
                        "data", "big", null, null, null, null, null, 2, null, null, null, null, null, null, null, null),
                false);
        assertThat(second.status()).isEqualTo(206);
        assertThat(second.output().partsCount()).isEqualTo(2);
        assertThat(second.output().contentRange())
                .isEqualTo("bytes " + one.length + "-" + (one.length + 999) + "/" + (one.length + 1000));
        try (InputStream body = bodyOf(second)) {
            assertThat(body.readAllBytes()).isEqualTo(two);
        }
        assertS3Error(() -> part("big", uploadId, 3, two), S3Error.NoSuchUpload);
    }

    @Test
    void completeChecksOrderPartsAndSizes() {
        createBucket("data");
        String uploadId = engine.createMultipartUpload(
                        ALICE,
                        new MultipartShapes.CreateMultipartUploadRequest(
                                "data", "k", null, null, null, null, null, null, null, null, null, null))
                .uploadId();
        String e1 = part("k", uploadId, 1, bytes(100, 1)).eTag();
        String e2 = part("k", uploadId, 2, bytes(100, 2)).eTag();
        assertS3Error(
                () -> complete(
                        "k",
                        uploadId,
                        List.of(new MultipartShapes.CompletedPart(e2, 2), new MultipartShapes.CompletedPart(e1, 1))),
                S3Error.InvalidPartOrder);
        assertS3Error(
                () -> complete("k", uploadId, List.of(new MultipartShapes.CompletedPart("\"00\"", 1))),
                S3Error.InvalidPart);
        AwsException small = assertS3Error(
                () -> complete(
                        "k",
                        uploadId,
                        List.of(new MultipartShapes.CompletedPart(e1, 1), new MultipartShapes.CompletedPart(e2, 2))),
                S3Error.EntityTooSmall);
        assertThat(elements(small)).containsEntry("PartNumber", "1").containsEntry("ProposedSize", "100");
        assertS3Error(() -> part("k", uploadId, 10_001, bytes(1, 1)), S3Error.InvalidArgument);
        // A single small part is a whole object: only the parts before the last must be 5 MiB.
        complete("k", uploadId, List.of(new MultipartShapes.CompletedPart(e1, 1)));
        assertThat(engine.getObject(ALICE, get("data", "k"), true).output().contentLength())
                .isEqualTo(100);
    }

    void complete(String key, String uploadId, List<MultipartShapes.CompletedPart> parts) {
        engine.completeMultipartUpload(
                ALICE,
                new MultipartShapes.CompleteMultipartUploadRequest(
                        "data", key, uploadId, new MultipartShapes.CompletedMultipartUpload(parts)),
                "http://localhost:4566");
    }

    @Test
    void abortedUploadsAreGoneAndListedUploadsAreInKeyOrder() {
        createBucket("data");
        String u1 = createUpload("b");
        clock.advance(Duration.ofSeconds(1));
        String u2 = createUpload("a");
        clock.advance(Duration.ofSeconds(1));
        String u3 = createUpload("a");
        MultipartShapes.ListMultipartUploadsOutput uploads = engine.listMultipartUploads(
                ALICE, new MultipartShapes.ListMultipartUploadsRequest("data", null, null, null, null, null, null));
        assertThat(uploads.uploads())
                .extracting(MultipartShapes.MultipartUpload::uploadId)
                .containsExactly(u2, u3, u1);
        MultipartShapes.ListMultipartUploadsOutput page = engine.listMultipartUploads(
                ALICE, new MultipartShapes.ListMultipartUploadsRequest("data", null, null, null, 2, null, null));
        assertThat(page.isTruncated()).isTrue();
        MultipartShapes.ListMultipartUploadsOutput rest = engine.listMultipartUploads(
                ALICE,
                new MultipartShapes.ListMultipartUploadsRequest(
                        "data", null, null, page.nextKeyMarker(), null, null, page.nextUploadIdMarker()));
        assertThat(rest.uploads())
                .extracting(MultipartShapes.MultipartUpload::uploadId)
                .containsExactly(u1);
        part("b", u1, 1, bytes(10, 1));
        engine.abortMultipartUpload(ALICE, new MultipartShapes.UploadRequest("data", "b", u1));
        assertS3Error(
                () -> engine.abortMultipartUpload(ALICE, new MultipartShapes.UploadRequest("data", "b", u1)),
                S3Error.NoSuchUpload);
        assertS3Error(
                () -> engine.listParts(ALICE, new MultipartShapes.ListPartsRequest("data", "b", u1, null, null)),
                S3Error.NoSuchUpload);
    }

    String createUpload(String key) {
        return engine.createMultipartUpload(
                        ALICE,
                        new MultipartShapes.CreateMultipartUploadRequest(
                                "data", key, null, null, null, null, null, null, null, null, null, null))
                .uploadId();
    }

    @Test
    void uploadPartCopyCopiesARangeOfAnObject() throws Exception {
        createBucket("data");
        putText("data", "src", "0123456789");
        String uploadId = createUpload("dst");
        MultipartShapes.UploadPartCopyOutput out = engine.uploadPartCopy(
                ALICE,
                new MultipartShapes.UploadPartCopyRequest(
                        "data", "dst", 1, uploadId, "data/src", "bytes=3-6", null, null, null, null));
        complete(
                "dst",
                uploadId,
                List.of(new MultipartShapes.CompletedPart(out.copyPartResult().eTag(), 1)));
        assertThat(read(engine.getObject(ALICE, get("data", "dst"), false))).isEqualTo("3456");
        assertS3Error(
                () -> engine.uploadPartCopy(
                        ALICE,
                        new MultipartShapes.UploadPartCopyRequest(
                                "data",
                                "dst",
                                1,
                                createUpload("dst"),
                                "data/src",
                                "bytes=3-60",
                                null,
                                null,
                                null,
                                null)),
                S3Error.InvalidRequest);
    }

    @Test
    void deletingABucketDropsItsUnfinishedUploads() {
        createBucket("data");
        String uploadId = createUpload("k");
        part("k", uploadId, 1, bytes(10, 1));
        engine.deleteBucket(ALICE, new BucketShapes.BucketRequest("data"));
        boolean[] any = {false};
        store.scan("", "", (key, value) -> any[0] = true);
        assertThat(any[0])
                .as("no record of the bucket, its upload or its part remains")
                .isFalse();
    }
}

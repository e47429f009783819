package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;

/**
 * S3 through the SDK for Java v2: the sync client (chunked uploads with their chunk signatures and CRC32 trailers, as
 * it sends them by default), presigned URLs, and the S3 Transfer Manager on the CRT-free async client, whose
 * multipart uploads and part-wise downloads are Java's own.
 */
@WharfTest
class S3SdkIT {

    private static S3Client s3;
    private static URI endpoint;

    @BeforeAll
    static void connect(WharfHandle wharf) {
        endpoint = URI.create(wharf.endpoint().toString());
        s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @AfterAll
    static void disconnect() {
        s3.close();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void bucketsAreCreatedListedLocatedAndDeleted() {
        s3.createBucket(b -> b.bucket("sdk-buckets"));
        assertThat(s3.headBucket(b -> b.bucket("sdk-buckets")).bucketRegion()).isEqualTo("us-east-1");
        assertThat(s3.listBuckets().buckets()).anyMatch(bucket -> bucket.name().equals("sdk-buckets"));
        assertThat(s3.getBucketLocation(b -> b.bucket("sdk-buckets")).locationConstraintAsString())
                .isNullOrEmpty();
        s3.putObject(b -> b.bucket("sdk-buckets").key("k"), RequestBody.fromString("v"));
        S3Exception notEmpty =
                catchThrowableOfType(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket("sdk-buckets")));
        assertThat(notEmpty.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
        assertThat(notEmpty.statusCode()).isEqualTo(409);
        s3.deleteObject(b -> b.bucket("sdk-buckets").key("k"));
        s3.deleteBucket(b -> b.bucket("sdk-buckets"));
        NoSuchBucketException gone =
                catchThrowableOfType(NoSuchBucketException.class, () -> s3.listObjectsV2(b -> b.bucket("sdk-buckets")));
        assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.requestId()).isNotBlank();
        S3Exception headGone =
                catchThrowableOfType(S3Exception.class, () -> s3.headBucket(b -> b.bucket("sdk-buckets")));
        assertThat(headGone.statusCode()).isEqualTo(404);
        S3Exception invalid =
                catchThrowableOfType(S3Exception.class, () -> s3.createBucket(b -> b.bucket("xn--reserved-prefix")));
        assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName");
    }

    @Test
    void recreatingABucketInAnotherRegionIsAlreadyOwnedByYou() {
        try (S3Client west = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build()) {
            west.createBucket(
                    b -> b.bucket("sdk-west").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
            assertThat(catchThrowableOfType(
                                    BucketAlreadyOwnedByYouException.class,
                                    () -> west.createBucket(b -> b.bucket("sdk-west")
                                            .createBucketConfiguration(c -> c.locationConstraint("eu-west-1"))))
                            .statusCode())
                    .isEqualTo(409);
            assertThat(west.getBucketLocation(b -> b.bucket("sdk-west")).locationConstraintAsString())
                    .isEqualTo("eu-west-1");
        }
    }

    @Test
    void objectsRoundTripWithTheirMetadataChecksumsAndRanges() throws Exception {
        s3.createBucket(b -> b.bucket("sdk-objects"));
        byte[] body = random(300_000, 1);
        String eTag = s3.putObject(
                        b -> b.bucket("sdk-objects")
                                .key("dir/file one+two.bin")
                                .contentType("application/x-test")
                                .metadata(Map.of("Color", "blue"))
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                        RequestBody.fromBytes(body))
                .eTag();
        assertThat(eTag).isEqualTo('"' + md5(body) + '"');
        ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(
                b -> b.bucket("sdk-objects").key("dir/file one+two.bin").checksumMode(ChecksumMode.ENABLED));
        assertThat(whole.asByteArray()).isEqualTo(body);
        assertThat(whole.response().contentType()).isEqualTo("application/x-test");
        assertThat(whole.response().metadata()).containsEntry("color", "blue");
        assertThat(whole.response().checksumCRC32()).isNotBlank();
        assertThat(whole.response().eTag()).isEqualTo(eTag);
        ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(
                b -> b.bucket("sdk-objects").key("dir/file one+two.bin").range("bytes=100-199"));
        assertThat(range.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(body, 100, 200));
        assertThat(range.response().contentRange()).isEqualTo("bytes 100-199/300000");
        HeadObjectResponse head = s3.headObject(b -> b.bucket("sdk-objects").key("dir/file one+two.bin"));
        assertThat(head.contentLength()).isEqualTo(300_000L);
        assertThat(head.lastModified()).isNotNull();
        for (ChecksumAlgorithm algorithm :
                List.of(ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
            s3.putObject(
                    b -> b.bucket("sdk-objects").key("sum").checksumAlgorithm(algorithm), RequestBody.fromBytes(body));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-objects").key("sum"))
                            .asByteArray())
                    .isEqualTo(body);
        }
    }

    @Test
    void missingKeysRangesAndConditionsAnswerAsS3Does() {
        s3.createBucket(b -> b.bucket("sdk-errors"));
        NoSuchKeyException missing = catchThrowableOfType(
                NoSuchKeyException.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("sdk-errors").key("none")));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(catchThrowableOfType(
                                NoSuchKeyException.class,
                                () -> s3.headObject(b -> b.bucket("sdk-errors").key("none")))
                        .statusCode())
                .isEqualTo(404);
        String eTag = s3.putObject(b -> b.bucket("sdk-errors").key("k"), RequestBody.fromString("0123456789"))
                .eTag();
        S3Exception range = catchThrowableOfType(
                S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("sdk-errors").key("k").range("bytes=20-")));
        assertThat(range.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
        assertThat(range.statusCode()).isEqualTo(416);
        S3Exception failed = catchThrowableOfType(
                S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("sdk-errors").key("k").ifMatch("\"nope\"")));
        assertThat(failed.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
        assertThat(failed.statusCode()).isEqualTo(412);
        S3Exception notModified = catchThrowableOfType(
                S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("sdk-errors").key("k").ifNoneMatch(eTag)));
        assertThat(notModified.statusCode()).isEqualTo(304);
    }

    @Test
    void listingsCopiesDeletesAndTagsWork() {
        s3.createBucket(b -> b.bucket("sdk-list"));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add("logs/2026/" + String.format("%02d", i));
        }
        keys.add("top.txt");
        for (String key : keys) {
            s3.putObject(b -> b.bucket("sdk-list").key(key), RequestBody.fromString(key));
        }
        List<String> listed = s3
                .listObjectsV2Paginator(b -> b.bucket("sdk-list").maxKeys(5))
                .contents()
                .stream()
                .map(S3Object::key)
                .toList();
        assertThat(listed).containsExactlyElementsOf(keys);
        var delimited = s3.listObjectsV2(b -> b.bucket("sdk-list").delimiter("/"));
        assertThat(delimited.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("logs/");
        assertThat(delimited.contents()).extracting(S3Object::key).containsExactly("top.txt");
        assertThat(s3.listObjects(b -> b.bucket("sdk-list").prefix("logs/2026/1"))
                        .contents())
                .hasSize(2);
        s3.copyObject(b -> b.sourceBucket("sdk-list")
                .sourceKey("top.txt")
                .destinationBucket("sdk-list")
                .destinationKey("copy.txt")
                .metadataDirective(MetadataDirective.REPLACE)
                .metadata(Map.of("k", "v")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("sdk-list").key("copy.txt"))
                        .asUtf8String())
                .isEqualTo("top.txt");
        s3.putObjectTagging(b -> b.bucket("sdk-list")
                .key("copy.txt")
                .tagging(t -> t.tagSet(s -> s.key("env").value("ci"))));
        assertThat(s3.getObjectTagging(b -> b.bucket("sdk-list").key("copy.txt"))
                        .tagSet())
                .singleElement()
                .satisfies(tag -> assertThat(tag.value()).isEqualTo("ci"));
        var deleted = s3.deleteObjects(b -> b.bucket("sdk-list")
                .delete(d -> d.objects(keys.stream()
                        .map(key -> ObjectIdentifier.builder().key(key).build())
                        .toList())));
        assertThat(deleted.deleted()).hasSize(keys.size());
        assertThat(s3.listObjectsV2(b -> b.bucket("sdk-list")).contents())
                .extracting(S3Object::key)
                .containsExactly("copy.txt");
    }

    @Test
    void multipartUploadsFollowS3sRules() throws Exception {
        s3.createBucket(b -> b.bucket("sdk-multipart"));
        String uploadId = s3.createMultipartUpload(
                        b -> b.bucket("sdk-multipart").key("big"))
                .uploadId();
        byte[] one = random(5 * 1024 * 1024, 2);
        byte[] two = random(1234, 3);
        String e1 = s3.uploadPart(
                        b -> b.bucket("sdk-multipart")
                                .key("big")
                                .uploadId(uploadId)
                                .partNumber(1),
                        RequestBody.fromBytes(one))
                .eTag();
        String e2 = s3.uploadPart(
                        b -> b.bucket("sdk-multipart")
                                .key("big")
                                .uploadId(uploadId)
                                .partNumber(2),
                        RequestBody.fromBytes(two))
                .eTag();
        assertThat(s3.listParts(b -> b.bucket("sdk-multipart").key("big").uploadId(uploadId))
                        .parts())
                .hasSize(2);
        assertThat(s3.listMultipartUploads(b -> b.bucket("sdk-multipart")).uploads())
                .hasSize(1);
        S3Exception wrongOrder = catchThrowableOfType(
                S3Exception.class,
                () -> s3.completeMultipartUpload(b -> b.bucket("sdk-multipart")
                        .key("big")
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder().partNumber(2).eTag(e2).build(),
                                CompletedPart.builder().partNumber(1).eTag(e1).build()))));
        assertThat(wrongOrder.awsErrorDetails().errorCode()).isEqualTo("InvalidPartOrder");
        String eTag = s3.completeMultipartUpload(b -> b.bucket("sdk-multipart")
                        .key("big")
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder().partNumber(1).eTag(e1).build(),
                                CompletedPart.builder().partNumber(2).eTag(e2).build())))
                .eTag();
        assertThat(eTag).endsWith("-2\"");
        byte[] whole =
                s3.getObjectAsBytes(b -> b.bucket("sdk-multipart").key("big")).asByteArray();
        assertThat(whole).hasSize(one.length + two.length);
        assertThat(md5(java.util.Arrays.copyOf(whole, one.length))).isEqualTo(md5(one));
        String small = s3.createMultipartUpload(b -> b.bucket("sdk-multipart").key("small"))
                .uploadId();
        String s1 = s3.uploadPart(
                        b -> b.bucket("sdk-multipart")
                                .key("small")
                                .uploadId(small)
                                .partNumber(1),
                        RequestBody.fromBytes(two))
                .eTag();
        String s2 = s3.uploadPart(
                        b -> b.bucket("sdk-multipart")
                                .key("small")
                                .uploadId(small)
                                .partNumber(2),
                        RequestBody.fromBytes(two))
                .eTag();
        S3Exception tooSmall = catchThrowableOfType(
                S3Exception.class,
                () -> s3.completeMultipartUpload(b -> b.bucket("sdk-multipart")
                        .key("small")
                        .uploadId(small)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder().partNumber(1).eTag(s1).build(),
                                CompletedPart.builder().partNumber(2).eTag(s2).build()))));
        assertThat(tooSmall.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall");
        s3.abortMultipartUpload(b -> b.bucket("sdk-multipart").key("small").uploadId(small));
        S3Exception noUpload = catchThrowableOfType(
                S3Exception.class,
                () -> s3.listParts(b -> b.bucket("sdk-multipart").key("small").uploadId(small)));
        assertThat(noUpload.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload");
    }

    @Test
    void presignedUrlsPutAndGetWithoutTheSdk() throws Exception {
        s3.createBucket(b -> b.bucket("sdk-presign"));
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true)
                        .build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            URI put = presigner
                    .presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .putObjectRequest(r -> r.bucket("sdk-presign").key("via url.txt")))
                    .url()
                    .toURI();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> stored = http.send(
                    HttpRequest.newBuilder(put)
                            .PUT(HttpRequest.BodyPublishers.ofString("presigned body"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            URI get = presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(r -> r.bucket("sdk-presign").key("via url.txt")))
                    .url()
                    .toURI();
            HttpResponse<String> read =
                    http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).isEqualTo("presigned body");
            // The suite's server accepts any signature (no credentials are configured), so the URL is not
            // tampered with here; SignatureAndTransportIT and the signer's golden tests check signatures.
            URI missing = URI.create(get.toString().replace("via%20url.txt", "other.txt"));
            HttpResponse<String> absent =
                    http.send(HttpRequest.newBuilder(missing).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(absent.statusCode()).isEqualTo(404);
            assertThat(absent.body()).contains("<Code>NoSuchKey</Code>").contains("<Key>other.txt</Key>");
        }
    }

    @Test
    void theTransferManagerUploadsAndDownloadsInPartsOnTheCrtFreeClient(@TempDir Path dir) throws Exception {
        s3.createBucket(b -> b.bucket("sdk-transfer"));
        byte[] body = random(24 * 1024 * 1024 + 17, 4);
        Path source = dir.resolve("source.bin");
        Files.write(source, body);
        try (S3AsyncClient async = S3AsyncClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .forcePathStyle(true)
                        .multipartEnabled(true)
                        .multipartConfiguration(
                                m -> m.minimumPartSizeInBytes(8L * 1024 * 1024).thresholdInBytes(8L * 1024 * 1024))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .httpClient(NettyNioAsyncHttpClient.create())
                        .build();
                S3TransferManager transfers =
                        S3TransferManager.builder().s3Client(async).build()) {
            CompletedFileUpload upload = transfers
                    .uploadFile(u -> u.source(source)
                            .putObjectRequest(p -> p.bucket("sdk-transfer").key("big.bin")))
                    .completionFuture()
                    .join();
            assertThat(upload.response().eTag()).endsWith("-4\"");
            Path target = dir.resolve("target.bin");
            transfers
                    .downloadFile(d -> d.destination(target)
                            .getObjectRequest(g -> g.bucket("sdk-transfer").key("big.bin")))
                    .completionFuture()
                    .join();
            assertThat(md5(Files.readAllBytes(target))).isEqualTo(md5(body));
        }
        assertThat(s3.headObject(b -> b.bucket("sdk-transfer").key("big.bin")).contentLength())
                .isEqualTo(body.length);
    }

    static String text(byte[] bytes) throws IOException {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

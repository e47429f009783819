package dev.wharf.protocol.restxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.wharf.protocol.StreamingBlob;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.Operation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Type;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The REST-XML codec against S3's own SDK v2 client: requests as its marshallers send them, decoded by the model, and
 * the codec's responses read back by its unmarshallers.
 */
class RestXmlCodecS3GoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant MODIFIED = Instant.parse("2026-12-02T13:00:00Z");

    private final S3Sdk.Http http = new S3Sdk.Http();
    private final S3Client s3 = S3Sdk.client(http);

    private static Operation operation(String name) {
        return Objects.requireNonNull(S3Sdk.MODEL.operation(name), name);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void respond(String operation, ObjectNode result) {
        http.respond(S3Sdk.CODEC.encode(operation(operation), result));
    }

    @Test
    void listObjectsV2DecodesItsQueryAndTheSdkReadsFlattenedContentsAndCommonPrefixes() {
        ObjectNode result = json("{'IsTruncated': true, 'Name': 'photos', 'Prefix': '2026/', 'Delimiter': '/',"
                + " 'MaxKeys': 2, 'KeyCount': 2, 'ContinuationToken': 'tok-1', 'NextContinuationToken': 'tok-2',"
                + " 'Contents': [{'Key': '2026/a.jpg', 'Size': 10, 'ETag': '\\\"e1\\\"', 'StorageClass': 'STANDARD'},"
                + " {'Key': '2026/b.jpg', 'Size': 20, 'ETag': '\\\"e2\\\"'}],"
                + " 'CommonPrefixes': [{'Prefix': '2026/12/'}, {'Prefix': '2026/11/'}]}");
        ((ObjectNode) result.get("Contents").get(0)).put("LastModified", MODIFIED.getEpochSecond());
        respond("ListObjectsV2", result);

        ListObjectsV2Response response = s3.listObjectsV2(b ->
                b.bucket("photos").prefix("2026/").delimiter("/").maxKeys(2).continuationToken("tok-1"));

        S3Sdk.Captured request = http.last();
        assertThat(request.match().operation().name()).isEqualTo("ListObjectsV2");
        assertThat(request.decode())
                .isEqualTo(json("{'Bucket': 'photos', 'Delimiter': '/', 'MaxKeys': 2, 'Prefix': '2026/',"
                        + " 'ContinuationToken': 'tok-1'}"));
        assertThat(response.isTruncated()).isTrue();
        assertThat(response.nextContinuationToken()).isEqualTo("tok-2");
        assertThat(response.keyCount()).isEqualTo(2);
        assertThat(response.contents()).hasSize(2);
        assertThat(response.contents().get(0).key()).isEqualTo("2026/a.jpg");
        assertThat(response.contents().get(0).size()).isEqualTo(10L);
        assertThat(response.contents().get(0).eTag()).isEqualTo("\"e1\"");
        assertThat(response.contents().get(0).lastModified()).isEqualTo(MODIFIED);
        assertThat(response.contents().get(1).key()).isEqualTo("2026/b.jpg");
        assertThat(response.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("2026/12/", "2026/11/");
    }

    @Test
    void listObjectsV2WritesTheRootElementAndMillisecondTimestamps() {
        ObjectNode result = json("{'Name': 'photos', 'Contents': [{'Key': 'k'}]}");
        ((ObjectNode) result.get("Contents").get(0)).put("LastModified", MODIFIED.getEpochSecond());
        WireResponse wire = S3Sdk.CODEC.encode(operation("ListObjectsV2"), result);
        assertThat(wire.contentType()).isEqualTo("application/xml");
        assertThat(new String(wire.body(), StandardCharsets.UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
                        + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Contents><Key>k</Key>"
                        + "<LastModified>2026-12-02T13:00:00.000Z</LastModified></Contents><Name>photos</Name>"
                        + "</ListBucketResult>");
    }

    @Test
    void putObjectStreamsItsBodyAndCarriesMetadataHeadersAndAKeyWithSlashes() throws IOException {
        http.respond(S3Sdk.CODEC.encode(operation("PutObject"), json("{'ETag': '\\\"abc\\\"', 'VersionId': 'v1'}")));

        PutObjectResponse response = s3.putObject(
                b -> b.bucket("photos")
                        .key("2026/12/a b+c ü.txt")
                        .contentType("text/plain")
                        .metadata(Map.of("Owner", "ann", "tier", "gold"))
                        .tagging("a=b"),
                RequestBody.fromString("hello, world"));

        S3Sdk.Captured request = http.last();
        assertThat(request.match().operation().name()).isEqualTo("PutObject");
        ObjectNode input = request.decode();
        assertThat(input.get("Bucket").asText()).isEqualTo("photos");
        assertThat(input.get("Key").asText()).isEqualTo("2026/12/a b+c ü.txt");
        assertThat(input.get("ContentType").asText()).isEqualTo("text/plain");
        assertThat(input.get("ContentLength").longValue()).isEqualTo(12L);
        assertThat(input.get("Tagging").asText()).isEqualTo("a=b");
        assertThat(input.get("Metadata")).isEqualTo(json("{'owner': 'ann', 'tier': 'gold'}"));
        StreamingBlob body = (StreamingBlob) ((POJONode) input.get("Body")).getPojo();
        assertThat(body.length()).isEqualTo(12L);
        assertThat(new String(body.stream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("hello, world");
        assertThat(response.eTag()).isEqualTo("\"abc\"");
        assertThat(response.versionId()).isEqualTo("v1");
    }

    @Test
    void getObjectStreamsTheBodyWithItsLengthMetadataAndHttpDates() {
        byte[] bytes = "0123456789".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        ObjectNode result = json(
                "{'ETag': '\\\"e\\\"', 'ContentType': 'image/jpeg', 'Metadata': {'owner': 'ann'}," + " 'TagCount': 3}");
        result.put("LastModified", MODIFIED.getEpochSecond());
        result.putPOJO("Body", new StreamingBlob(new ByteArrayInputStream(bytes), bytes.length));
        WireResponse wire = S3Sdk.CODEC.encode(operation("GetObject"), result);
        assertThat(wire.stream()).isNotNull();
        assertThat(wire.headers())
                .containsEntry("Content-Length", "100000")
                .containsEntry("Last-Modified", "Wed, 02 Dec 2026 13:00:00 GMT")
                .containsEntry("x-amz-meta-owner", "ann");
        http.respond(wire);

        ResponseBytes<GetObjectResponse> response =
                s3.getObjectAsBytes(b -> b.bucket("photos").key("a.jpg").range("bytes=0-"));

        S3Sdk.Captured request = http.last();
        assertThat(request.match().operation().name()).isEqualTo("GetObject");
        assertThat(request.decode()).isEqualTo(json("{'Bucket': 'photos', 'Key': 'a.jpg', 'Range': 'bytes=0-'}"));
        assertThat(response.asByteArray()).isEqualTo(bytes);
        assertThat(response.response().contentLength()).isEqualTo(100_000L);
        assertThat(response.response().contentType()).isEqualTo("image/jpeg");
        assertThat(response.response().metadata()).containsExactly(Map.entry("owner", "ann"));
        assertThat(response.response().lastModified()).isEqualTo(MODIFIED);
        assertThat(response.response().tagCount()).isEqualTo(3);
        assertThat(response.response().eTag()).isEqualTo("\"e\"");
    }

    @Test
    void headObjectAnswersHeadersOnly() {
        ObjectNode result = json("{'ContentLength': 42, 'ETag': '\\\"e\\\"', 'Metadata': {'a': '1'}}");
        result.put("LastModified", MODIFIED.getEpochSecond());
        WireResponse wire = S3Sdk.CODEC.encode(operation("HeadObject"), result);
        assertThat(wire.body()).isEmpty();
        http.respond(wire);

        HeadObjectResponse response = s3.headObject(b -> b.bucket("photos").key("dir/a.jpg"));

        assertThat(http.last().match().operation().name()).isEqualTo("HeadObject");
        assertThat(http.last().decode()).isEqualTo(json("{'Bucket': 'photos', 'Key': 'dir/a.jpg'}"));
        assertThat(response.contentLength()).isEqualTo(42L);
        assertThat(response.lastModified()).isEqualTo(MODIFIED);
        assertThat(response.metadata()).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void createMultipartUploadIsTheUploadsQueryAndAnswersInitiateMultipartUploadResult() {
        respond(
                "CreateMultipartUpload",
                json("{'Bucket': 'photos', 'Key': 'big.bin', 'UploadId': 'up-1', 'ServerSideEncryption': 'AES256'}"));

        CreateMultipartUploadResponse response =
                s3.createMultipartUpload(b -> b.bucket("photos").key("big.bin").metadata(Map.of("k", "v")));

        assertThat(http.last().match().operation().name()).isEqualTo("CreateMultipartUpload");
        assertThat(http.last().decode())
                .isEqualTo(json("{'Bucket': 'photos', 'ContentType': 'binary/octet-stream', 'Key': 'big.bin',"
                        + " 'Metadata': {'k': 'v'}}"));
        assertThat(response.uploadId()).isEqualTo("up-1");
        assertThat(response.bucket()).isEqualTo("photos");
        assertThat(response.serverSideEncryptionAsString()).isEqualTo("AES256");
    }

    @Test
    void uploadPartIsToldFromPutObjectByItsRequiredQuery() {
        respond("UploadPart", json("{'ETag': '\\\"p1\\\"'}"));

        UploadPartResponse response = s3.uploadPart(
                b -> b.bucket("photos").key("big.bin").uploadId("up-1").partNumber(3), RequestBody.fromString("xyz"));

        ObjectNode input = http.last().decode();
        assertThat(http.last().match().operation().name()).isEqualTo("UploadPart");
        assertThat(input.get("PartNumber").intValue()).isEqualTo(3);
        assertThat(input.get("UploadId").asText()).isEqualTo("up-1");
        assertThat(input.get("Body").isPojo()).isTrue();
        assertThat(response.eTag()).isEqualTo("\"p1\"");
    }

    @Test
    void completeMultipartUploadReadsItsPartsFromTheBody() {
        respond(
                "CompleteMultipartUpload",
                json("{'Location': 'http://localhost/photos/big.bin', 'Bucket': 'photos', 'Key': 'big.bin',"
                        + " 'ETag': '\\\"all-2\\\"'}"));

        CompleteMultipartUploadResponse response = s3.completeMultipartUpload(b -> b.bucket("photos")
                .key("big.bin")
                .uploadId("up-1")
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag("\"p1\""), p -> p.partNumber(2)
                        .eTag("\"p2\""))));

        assertThat(http.last().match().operation().name()).isEqualTo("CompleteMultipartUpload");
        assertThat(http.last().decode())
                .isEqualTo(json("{'Bucket': 'photos', 'Key': 'big.bin', 'UploadId': 'up-1', 'MultipartUpload':"
                        + " {'Parts': [{'ETag': '\\\"p1\\\"', 'PartNumber': 1}, {'ETag': '\\\"p2\\\"',"
                        + " 'PartNumber': 2}]}}"));
        assertThat(response.eTag()).isEqualTo("\"all-2\"");
        assertThat(response.location()).isEqualTo("http://localhost/photos/big.bin");
    }

    @Test
    void deleteObjectsReadsItsDeleteBodyAndTheSdkReadsDeletedAndErrors() {
        respond(
                "DeleteObjects",
                json("{'Deleted': [{'Key': 'a'}, {'Key': 'b', 'VersionId': 'v2'}],"
                        + " 'Errors': [{'Key': 'c', 'Code': 'AccessDenied', 'Message': 'Access Denied'}]}"));

        DeleteObjectsResponse response =
                s3.deleteObjects(b -> b.bucket("photos").delete(d -> d.objects(
                                ObjectIdentifier.builder().key("a").build(),
                                ObjectIdentifier.builder()
                                        .key("b")
                                        .versionId("v2")
                                        .build(),
                                ObjectIdentifier.builder().key("c").build())
                        .quiet(false)));

        S3Sdk.Captured request = http.last();
        assertThat(request.match().operation().name()).isEqualTo("DeleteObjects");
        ObjectNode input = request.decode();
        assertThat(input.get("Delete"))
                .isEqualTo(json("{'Objects': [{'Key': 'a'}, {'Key': 'b', 'VersionId': 'v2'}, {'Key': 'c'}],"
                        + " 'Quiet': false}"));
        assertThat(response.deleted()).extracting(d -> d.key()).containsExactly("a", "b");
        assertThat(response.deleted().get(1).versionId()).isEqualTo("v2");
        assertThat(response.errors()).hasSize(1);
        assertThat(response.errors().get(0).code()).isEqualTo("AccessDenied");
    }

    @Test
    void copyObjectIsToldFromPutObjectByItsCopySourceAndAnswersCopyObjectResult() {
        ObjectNode result = json("{'CopyObjectResult': {'ETag': '\\\"c1\\\"'}, 'VersionId': 'v9'}");
        ((ObjectNode) result.get("CopyObjectResult")).put("LastModified", MODIFIED.getEpochSecond());
        respond("CopyObject", result);

        CopyObjectResponse response = s3.copyObject(b -> b.sourceBucket("photos")
                .sourceKey("a b.jpg")
                .destinationBucket("backup")
                .destinationKey("2026/a.jpg"));

        S3Sdk.Captured request = http.last();
        assertThat(request.match().operation().name()).isEqualTo("CopyObject");
        ObjectNode input = request.decode();
        assertThat(input.get("DestinationBucket").asText()).isEqualTo("backup");
        assertThat(input.get("DestinationKey").asText()).isEqualTo("2026/a.jpg");
        assertThat(input.get("CopySource").asText()).isEqualTo("photos/a%20b.jpg");
        assertThat(response.copyObjectResult().eTag()).isEqualTo("\"c1\"");
        assertThat(response.copyObjectResult().lastModified()).isEqualTo(MODIFIED);
        assertThat(response.versionId()).isEqualTo("v9");
    }

    @Test
    void uploadPartCopyIsToldFromUploadPartByItsCopySource() {
        respond("UploadPartCopy", json("{'CopyPartResult': {'ETag': '\\\"cp\\\"'}}"));

        var response = s3.uploadPartCopy(b -> b.sourceBucket("photos")
                .sourceKey("a.jpg")
                .destinationBucket("photos")
                .destinationKey("big.bin")
                .uploadId("up-1")
                .partNumber(2));

        assertThat(http.last().match().operation().name()).isEqualTo("UploadPartCopy");
        assertThat(response.copyPartResult().eTag()).isEqualTo("\"cp\"");
    }

    @Test
    void getBucketLocationAnswersItsLocationConstraintElement() {
        respond("GetBucketLocation", json("{'LocationConstraint': 'eu-west-1'}"));

        GetBucketLocationResponse response = s3.getBucketLocation(b -> b.bucket("photos"));

        assertThat(http.last().match().operation().name()).isEqualTo("GetBucketLocation");
        assertThat(http.last().decode()).isEqualTo(json("{'Bucket': 'photos'}"));
        assertThat(response.locationConstraint()).isEqualTo(BucketLocationConstraint.EU_WEST_1);
    }

    @Test
    void listBucketsAnswersWrappedBucketsAndItsOwner() {
        ObjectNode result =
                json("{'Buckets': [{'Name': 'a'}, {'Name': 'b'}], 'Owner': {'ID': 'o-1'," + " 'DisplayName': 'ann'}}");
        ((ObjectNode) result.get("Buckets").get(0)).put("CreationDate", MODIFIED.getEpochSecond());
        respond("ListBuckets", result);

        ListBucketsResponse response = s3.listBuckets();

        assertThat(http.last().match().operation().name()).isEqualTo("ListBuckets");
        assertThat(response.buckets()).extracting(b -> b.name()).containsExactly("a", "b");
        assertThat(response.buckets().get(0).creationDate()).isEqualTo(MODIFIED);
        assertThat(response.owner().id()).isEqualTo("o-1");
    }

    @Test
    void putObjectTaggingReadsItsTagSetAndGetObjectTaggingAnswersIt() {
        respond("PutObjectTagging", json("{'VersionId': 'v1'}"));
        s3.putObjectTagging(b -> b.bucket("photos")
                .key("a.jpg")
                .tagging(t -> t.tagSet(
                        Tag.builder().key("team").value("web").build(),
                        Tag.builder().key("tier").value("gold").build())));
        assertThat(http.last().match().operation().name()).isEqualTo("PutObjectTagging");
        assertThat(http.last().decode().get("Tagging"))
                .isEqualTo(json("{'TagSet': [{'Key': 'team', 'Value': 'web'}, {'Key': 'tier', 'Value': 'gold'}]}"));

        respond("GetObjectTagging", json("{'TagSet': [{'Key': 'team', 'Value': 'web'}]}"));
        GetObjectTaggingResponse response =
                s3.getObjectTagging(b -> b.bucket("photos").key("a.jpg"));
        assertThat(http.last().match().operation().name()).isEqualTo("GetObjectTagging");
        assertThat(response.tagSet())
                .containsExactly(Tag.builder().key("team").value("web").build());
    }

    @Test
    void createBucketWithAndWithoutAConfiguration() {
        respond("CreateBucket", json("{'Location': '/photos'}"));
        s3.createBucket(b -> b.bucket("photos"));
        assertThat(http.last().match().operation().name()).isEqualTo("CreateBucket");
        assertThat(http.last().decode()).isEqualTo(json("{'Bucket': 'photos'}"));

        s3.createBucket(b -> b.bucket("photos").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        assertThat(http.last().decode())
                .isEqualTo(json(
                        "{'Bucket': 'photos', 'CreateBucketConfiguration': {'LocationConstraint':" + " 'eu-west-1'}}"));
    }

    @Test
    void deleteObjectAnswersTheStatusThatTheResultSets() {
        ObjectNode result = json("{'DeleteMarker': true}");
        result.put(RestXmlCodec.STATUS_MEMBER, 204);
        WireResponse wire = S3Sdk.CODEC.encode(operation("DeleteObject"), result);
        assertThat(wire.status()).isEqualTo(204);
        http.respond(wire);

        var response = s3.deleteObject(b -> b.bucket("photos").key("a.jpg").versionId("v1"));

        assertThat(http.last().match().operation().name()).isEqualTo("DeleteObject");
        assertThat(http.last().decode()).isEqualTo(json("{'Bucket': 'photos', 'Key': 'a.jpg', 'VersionId': 'v1'}"));
        assertThat(response.deleteMarker()).isTrue();
    }

    @Test
    void noSuchKeyBecomesTheSdksNoSuchKeyExceptionWithTheRequestId() {
        http.respond(RestXmlCodec.encodeError(
                "NoSuchKey",
                404,
                "The specified key does not exist.",
                "REQ123",
                "host-9",
                Map.of("Key", "a.jpg"),
                false));

        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("photos").key("a.jpg")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist.");
                    assertThat(e.requestId()).isEqualTo("REQ123");
                    assertThat(e.extendedRequestId()).isEqualTo("host-9");
                });
    }

    @Test
    void aclGranteesCarryTheirTypeAsAnXsiAttributeBothWays() {
        respond(
                "GetBucketAcl",
                json("{'Owner': {'ID': 'o-1'}, 'Grants': [{'Grantee': {'ID': 'o-1', 'Type': 'CanonicalUser'},"
                        + " 'Permission': 'FULL_CONTROL'}]}"));
        GetBucketAclResponse response = s3.getBucketAcl(b -> b.bucket("photos"));
        assertThat(http.last().match().operation().name()).isEqualTo("GetBucketAcl");
        assertThat(response.grants()).hasSize(1);
        assertThat(response.grants().get(0).grantee().type()).isEqualTo(Type.CANONICAL_USER);
        assertThat(response.grants().get(0).grantee().id()).isEqualTo("o-1");
        assertThat(response.grants().get(0).permission()).isEqualTo(Permission.FULL_CONTROL);

        respond("PutBucketAcl", json("{}"));
        s3.putBucketAcl(b -> b.bucket("photos").accessControlPolicy(p -> p.owner(o -> o.id("o-1"))
                .grants(Grant.builder()
                        .grantee(g -> g.type(Type.GROUP).uri("http://acs.amazonaws.com/groups/global/AllUsers"))
                        .permission(Permission.READ)
                        .build())));
        assertThat(http.last().match().operation().name()).isEqualTo("PutBucketAcl");
        assertThat(http.last().decode().get("AccessControlPolicy"))
                .isEqualTo(json("{'Grants': [{'Grantee': {'Type': 'Group', 'URI':"
                        + " 'http://acs.amazonaws.com/groups/global/AllUsers'}, 'Permission': 'READ'}],"
                        + " 'Owner': {'ID': 'o-1'}}"));
    }

    @Test
    void aBucketPolicyIsAStringPayloadCarriedAsTheRawBody() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        respond("PutBucketPolicy", json("{}"));
        s3.putBucketPolicy(b -> b.bucket("photos").policy(policy));
        assertThat(http.last().match().operation().name()).isEqualTo("PutBucketPolicy");
        assertThat(http.last().decode().get("Policy").asText()).isEqualTo(policy);

        ObjectNode result = json("{}").put("Policy", policy);
        respond("GetBucketPolicy", result);
        assertThat(s3.getBucketPolicy(b -> b.bucket("photos")).policy()).isEqualTo(policy);
    }
}

package dev.wharf.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link SdkModelReader} with HTTP bindings on S3's SDK v2 classes, whose members travel in every part of a request. */
class SdkModelReaderS3Test {

    private static final SdkModelReader.Service S3 =
            new SdkModelReader.Service("com.amazonaws.s3#AmazonS3", "s3", false).withHttpBindings();
    private static final ServiceModel MODEL = SdkModelReader.read(
            S3,
            S3Client.class,
            List.of(
                    "PutObject",
                    "GetObject",
                    "ListObjectsV2",
                    "CompleteMultipartUpload",
                    "CreateBucket",
                    "ListBuckets",
                    "GetBucketAcl"));

    private static Operation operation(String name) {
        return Objects.requireNonNull(MODEL.operation(name), name);
    }

    private static Member member(String shape, String name) {
        return Objects.requireNonNull(
                MODEL.shape("com.amazonaws.s3#" + shape).members().get(name), shape + "." + name);
    }

    @Test
    void theOperationsHttpTraitComesFromItsMarshaller() {
        assertThat(operation("PutObject").http()).isEqualTo(new HttpTrait("PUT", "/{Key+}", "Body"));
        assertThat(operation("ListObjectsV2").http()).isEqualTo(new HttpTrait("GET", "?list-type=2", null));
        assertThat(operation("CompleteMultipartUpload").http())
                .isEqualTo(new HttpTrait("POST", "/{Key+}", "MultipartUpload"));
        assertThat(operation("CreateBucket").http()).isEqualTo(new HttpTrait("PUT", "", "CreateBucketConfiguration"));
        assertThat(operation("ListBuckets").http()).isEqualTo(new HttpTrait("GET", "/", null));
    }

    @Test
    void theStreamingBlobThatTheSdkKeepsOutOfItsClassesIsTheBodyMember() {
        assertThat(operation("PutObject").streamingInput()).isTrue();
        assertThat(operation("PutObject").streamingOutput()).isFalse();
        assertThat(operation("GetObject").streamingOutput()).isTrue();
        Member body = member("GetObjectResponse", "Body");
        assertThat(body.payload()).isTrue();
        assertThat(body.streaming()).isTrue();
        assertThat(MODEL.shape(body.target()).type()).isEqualTo(ShapeType.BLOB);
        assertThat(member("PutObjectRequest", "Body").streaming()).isTrue();
    }

    @Test
    void membersKeepTheirHttpLocationsNamesAndTimestampFormats() {
        assertThat(member("PutObjectRequest", "Bucket").location()).isEqualTo(HttpLocation.PATH);
        Member key = member("PutObjectRequest", "Key");
        assertThat(key.location()).isEqualTo(HttpLocation.GREEDY_PATH);
        assertThat(key.locationName()).isEqualTo("Key");
        Member metadata = member("PutObjectRequest", "Metadata");
        assertThat(metadata.location()).isEqualTo(HttpLocation.PREFIX_HEADERS);
        assertThat(metadata.locationName()).isEqualTo("x-amz-meta-");
        Member length = member("PutObjectRequest", "ContentLength");
        assertThat(length.location()).isEqualTo(HttpLocation.HEADER);
        assertThat(length.locationName()).isEqualTo("Content-Length");
        assertThat(length.xmlName()).isNull();
        assertThat(MODEL.shape(length.target()).type()).isEqualTo(ShapeType.LONG);
        assertThat(member("PutObjectRequest", "ObjectLockRetainUntilDate").timestampFormat())
                .isEqualTo(TimestampFormat.DATE_TIME);
        assertThat(member("PutObjectRequest", "Expires").timestampFormat()).isNull();
        Member maxKeys = member("ListObjectsV2Request", "MaxKeys");
        assertThat(maxKeys.location()).isEqualTo(HttpLocation.QUERY);
        assertThat(maxKeys.locationName()).isEqualTo("max-keys");
    }

    @Test
    void bodyMembersKeepTheirXmlNamesFlatteningPayloadAndAttributeTraits() {
        Member contents = member("ListObjectsV2Response", "Contents");
        assertThat(contents.location()).isEqualTo(HttpLocation.PAYLOAD);
        assertThat(contents.flattened()).isTrue();
        Member upload = member("CompleteMultipartUploadRequest", "MultipartUpload");
        assertThat(upload.payload()).isTrue();
        assertThat(upload.xmlName()).isEqualTo("CompleteMultipartUpload");
        Member type = member("Grantee", "Type");
        assertThat(type.xmlAttribute()).isTrue();
        assertThat(type.xmlName()).isEqualTo("xsi:type");
        Shape buckets = MODEL.shape(member("ListBucketsResponse", "Buckets").target());
        assertThat(Objects.requireNonNull(buckets.member()).xmlName()).isEqualTo("Bucket");
    }

    @Test
    void withoutHttpBindingsTheSameClassesAreRefused() {
        assertThatThrownBy(() -> SdkModelReader.read(
                        new SdkModelReader.Service("com.amazonaws.s3#AmazonS3", "s3", false),
                        S3Client.class,
                        List.of("ListObjectsV2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bound to the HTTP");
    }
}

package dev.wharf.s3.http;

import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.restxml.RestXmlCodec;
import dev.wharf.protocol.restxml.RestXmlConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3's model, read from the SDK v2's S3 classes and marshallers on the first S3 request (so that a server that never
 * sees one never loads them), and its REST-XML codec, configured with what those classes do not say.
 */
final class S3Model {

    static final String SERVICE_ID = "com.amazonaws.s3#AmazonS3";
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    /** The operations that Wharf serves; the rest of S3 (versioning, lifecycle, ACLs, policies, ...) is not modelled. */
    static final List<String> OPERATIONS = List.of(
            "CreateBucket",
            "HeadBucket",
            "ListBuckets",
            "DeleteBucket",
            "GetBucketLocation",
            "PutObject",
            "GetObject",
            "HeadObject",
            "DeleteObject",
            "DeleteObjects",
            "CopyObject",
            "ListObjectsV2",
            "ListObjects",
            "PutObjectTagging",
            "GetObjectTagging",
            "DeleteObjectTagging",
            "CreateMultipartUpload",
            "UploadPart",
            "UploadPartCopy",
            "CompleteMultipartUpload",
            "AbortMultipartUpload",
            "ListParts",
            "ListMultipartUploads");

    /** The root elements that S3's Smithy model names with {@code xmlName} and the SDK's classes do not keep. */
    static final Map<String, String> ROOT_ELEMENTS = Map.of(
            "ListObjectsV2", "ListBucketResult",
            "ListObjects", "ListBucketResult",
            "ListBuckets", "ListAllMyBucketsResult",
            "CreateMultipartUpload", "InitiateMultipartUploadResult",
            "DeleteObjects", "DeleteResult",
            "GetObjectTagging", "Tagging",
            "GetBucketLocation", "LocationConstraint");

    static final ServiceModel MODEL = ServiceModel.lazy(
            SERVICE_ID,
            "s3",
            false,
            () -> SdkModelReader.read(
                    new SdkModelReader.Service(SERVICE_ID, "s3", false).withHttpBindings(),
                    S3Client.class,
                    OPERATIONS));

    private S3Model() {}

    /** The codec, made with the model on first use. */
    static RestXmlCodec codec() {
        return Codec.CODEC;
    }

    private static final class Codec {
        static final RestXmlCodec CODEC = new RestXmlCodec(
                MODEL,
                new RestXmlConfig(NAMESPACE, "/{Bucket}")
                        .withSelectingHeaders(Set.of("x-amz-copy-source"))
                        .withRootElements(ROOT_ELEMENTS));
    }
}

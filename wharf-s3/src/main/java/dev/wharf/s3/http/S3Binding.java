package dev.wharf.s3.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.Caller;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.ServiceBinding;
import dev.wharf.protocol.StreamingBlob;
import dev.wharf.protocol.model.ModelRecords;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.restxml.RestXmlCodec;
import dev.wharf.protocol.sigv4.ChecksummedStream;
import dev.wharf.s3.api.BucketShapes;
import dev.wharf.s3.api.MultipartShapes;
import dev.wharf.s3.api.ObjectRead;
import dev.wharf.s3.api.ObjectShapes;
import dev.wharf.s3.api.S3Context;
import dev.wharf.s3.api.S3Error;
import dev.wharf.s3.api.S3ErrorDetail;
import dev.wharf.s3.engine.S3Engine;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Binds S3's REST-XML operations to the engine: the codec's documents become api records and results become
 * documents again, both by {@link ModelRecords}; object bodies pass as {@link StreamingBlob}s beside them, never
 * through a document's bytes.
 *
 * <p>The model, and with it the codec, is read from the SDK v2's S3 classes on the first S3 request.
 */
public final class S3Binding implements ServiceBinding {

    /** The member under which the codec hands over, and takes, a streaming body. */
    static final String BODY = "Body";
    /** The member of a result that sets the response's status, such as GetObject's 206. */
    static final String STATUS = "__status";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final S3Engine engine;
    private final ModelRecords records;

    public S3Binding(S3Engine engine) {
        this.engine = engine;
        this.records = new ModelRecords(S3Model.MODEL, false);
    }

    @Override
    public ServiceModel model() {
        return S3Model.MODEL;
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.REST_XML);
    }

    @Override
    public String queryXmlNamespace() {
        return "";
    }

    @Override
    public RestXmlCodec restXmlCodec() {
        return S3Model.codec();
    }

    @Override
    public String resourcePath(@Nullable String host, String rawPath) {
        return S3Addressing.resourcePath(host, rawPath);
    }

    @Override
    public @Nullable ObjectNode errorDocument(AwsException error) {
        if (!(error.detail() instanceof S3ErrorDetail detail)) {
            return null;
        }
        ObjectNode elements = NODES.objectNode();
        detail.elements().forEach(elements::put);
        return elements;
    }

    @Override
    public Map<String, String> errorHeaders(AwsException error) {
        return error.detail() instanceof S3ErrorDetail detail ? detail.headers() : Map.of();
    }

    @Override
    public JsonNode invoke(Operation operation, ObjectNode input, RequestContext context) {
        S3Context s3 = context(context.caller());
        return switch (operation.name()) {
            case "CreateBucket" -> {
                BucketShapes.CreateBucketOutput out =
                        engine.createBucket(s3, read(input, BucketShapes.CreateBucketRequest.class, operation));
                yield write(out, operation);
            }
            case "HeadBucket" -> write(engine.headBucket(s3, bucket(input, operation)), operation);
            case "GetBucketLocation" -> write(engine.getBucketLocation(s3, bucket(input, operation)), operation);
            case "DeleteBucket" -> {
                engine.deleteBucket(s3, bucket(input, operation));
                yield status(204);
            }
            case "ListBuckets" ->
                write(engine.listBuckets(s3, read(input, BucketShapes.ListBucketsRequest.class, operation)), operation);
            case "ListObjectsV2" ->
                write(
                        engine.listObjectsV2(s3, read(input, BucketShapes.ListObjectsV2Request.class, operation)),
                        operation);
            case "ListObjects" ->
                write(engine.listObjects(s3, read(input, BucketShapes.ListObjectsRequest.class, operation)), operation);
            case "PutObject" -> putObject(s3, input, operation);
            case "GetObject", "HeadObject" -> getObject(s3, input, operation);
            case "DeleteObject" -> {
                engine.deleteObject(s3, read(input, ObjectShapes.DeleteObjectRequest.class, operation));
                yield status(204);
            }
            case "DeleteObjects" ->
                write(
                        engine.deleteObjects(s3, read(input, ObjectShapes.DeleteObjectsRequest.class, operation)),
                        operation);
            case "CopyObject" ->
                write(engine.copyObject(s3, read(input, ObjectShapes.CopyObjectRequest.class, operation)), operation);
            case "PutObjectTagging" -> {
                engine.putObjectTagging(s3, read(input, ObjectShapes.PutObjectTaggingRequest.class, operation));
                yield NODES.objectNode();
            }
            case "GetObjectTagging" ->
                write(
                        engine.getObjectTagging(s3, read(input, ObjectShapes.ObjectKeyRequest.class, operation)),
                        operation);
            case "DeleteObjectTagging" -> {
                engine.deleteObjectTagging(s3, read(input, ObjectShapes.ObjectKeyRequest.class, operation));
                yield status(204);
            }
            default -> multipart(s3, operation, input, context);
        };
    }

    private JsonNode multipart(S3Context s3, Operation operation, ObjectNode input, RequestContext context) {
        return switch (operation.name()) {
            case "CreateMultipartUpload" ->
                write(
                        engine.createMultipartUpload(
                                s3, read(input, MultipartShapes.CreateMultipartUploadRequest.class, operation)),
                        operation);
            case "UploadPart" -> {
                StreamingBlob body = body(input);
                MultipartShapes.UploadPartRequest request =
                        read(input, MultipartShapes.UploadPartRequest.class, operation);
                yield write(
                        engine.uploadPart(s3, request, body.stream(), body.length(), checksums(body.stream())),
                        operation);
            }
            case "UploadPartCopy" ->
                write(
                        engine.uploadPartCopy(s3, read(input, MultipartShapes.UploadPartCopyRequest.class, operation)),
                        operation);
            case "CompleteMultipartUpload" ->
                write(
                        engine.completeMultipartUpload(
                                s3,
                                read(input, MultipartShapes.CompleteMultipartUploadRequest.class, operation),
                                context.endpoint()),
                        operation);
            case "AbortMultipartUpload" -> {
                engine.abortMultipartUpload(s3, read(input, MultipartShapes.UploadRequest.class, operation));
                yield status(204);
            }
            case "ListParts" ->
                write(engine.listParts(s3, read(input, MultipartShapes.ListPartsRequest.class, operation)), operation);
            case "ListMultipartUploads" ->
                write(
                        engine.listMultipartUploads(
                                s3, read(input, MultipartShapes.ListMultipartUploadsRequest.class, operation)),
                        operation);
            default ->
                throw S3Error.NotImplemented.with(
                        "A header you provided implies functionality that is not implemented");
        };
    }

    private JsonNode putObject(S3Context s3, ObjectNode input, Operation operation) {
        StreamingBlob body = body(input);
        ObjectShapes.PutObjectRequest request = read(input, ObjectShapes.PutObjectRequest.class, operation);
        return write(engine.putObject(s3, request, body.stream(), body.length(), checksums(body.stream())), operation);
    }

    private JsonNode getObject(S3Context s3, ObjectNode input, Operation operation) {
        boolean head = operation.name().equals("HeadObject");
        ObjectRead read = engine.getObject(s3, read(input, ObjectShapes.GetObjectRequest.class, operation), head);
        ObjectNode result = write(read.output(), operation);
        result.put(STATUS, read.status());
        InputStream body = read.body();
        if (body != null) {
            result.putPOJO(BODY, new StreamingBlob(body, read.length()));
        }
        return result;
    }

    /**
     * The checksums the signature check computed and verified over a body, by the model's member names, once the body
     * has been read whole: those the client declared in a header or trailer, or the CRC64NVME that S3 computes when it
     * declared none.
     */
    private static Supplier<Map<String, String>> checksums(InputStream body) {
        return () -> {
            if (!(body instanceof ChecksummedStream checked)) {
                return Map.of();
            }
            Map<String, String> named = new HashMap<>();
            checked.checksums().forEach((algorithm, value) -> named.put("Checksum" + algorithm, value));
            return named;
        };
    }

    private static StreamingBlob body(ObjectNode input) {
        JsonNode node = input.get(BODY);
        if (node != null
                && node.isPojo()
                && ((com.fasterxml.jackson.databind.node.POJONode) node).getPojo() instanceof StreamingBlob blob) {
            return blob;
        }
        return new StreamingBlob(InputStream.nullInputStream(), 0);
    }

    private BucketShapes.BucketRequest bucket(ObjectNode input, Operation operation) {
        return read(input, BucketShapes.BucketRequest.class, operation);
    }

    private <R extends Record> R read(ObjectNode input, Class<R> type, Operation operation) {
        try {
            return records.toRecord(input, type, operation.input());
        } catch (ModelRecords.UnpairedSurrogateException e) {
            throw S3Error.InvalidArgument.with("The request holds a string that is not valid Unicode.");
        } catch (ModelRecords.MismatchException e) {
            throw S3Error.InvalidArgument.with("The request is malformed.");
        }
    }

    private ObjectNode write(Record result, Operation operation) {
        String output = operation.output();
        return output == null ? NODES.objectNode() : records.toDocument(result, output);
    }

    private static ObjectNode status(int status) {
        ObjectNode result = NODES.objectNode();
        result.put(STATUS, status);
        return result;
    }

    private static S3Context context(Caller caller) {
        return new S3Context(caller.accountId(), caller.accessKeyId(), caller.region());
    }
}

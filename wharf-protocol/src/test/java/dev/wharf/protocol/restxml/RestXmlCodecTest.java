package dev.wharf.protocol.restxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.protocol.StreamingBlob;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.rest.RestMatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@link RestXmlCodec} on raw requests: which operation a request matches, and what it refuses to read. */
class RestXmlCodecTest {

    private static final RestXmlCodec CODEC = S3Sdk.CODEC;

    private static @Nullable String matched(String method, String path, String query, String... headers) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (String header : headers) {
            map.put(header, List.of("x"));
        }
        RestMatch match = CODEC.match(method, path, query, map);
        return match == null ? null : match.operation().name();
    }

    private static ObjectNode decode(String method, String path, String query, String body) {
        RestMatch match = Objects.requireNonNull(CODEC.match(method, path, query, Map.of()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return CODEC.decode(match, query, Map.of(), new ByteArrayInputStream(bytes), bytes.length);
    }

    @Test
    void aBucketTemplateMatchesTheBucketWithOrWithoutItsTrailingSlashOnly() {
        assertThat(matched("GET", "/photos", "")).isEqualTo("ListObjects");
        assertThat(matched("GET", "/photos/", "")).isEqualTo("ListObjects");
        assertThat(matched("GET", "/photos/a.jpg", "")).isEqualTo("GetObject");
        assertThat(matched("GET", "/", "")).isEqualTo("ListBuckets");
        assertThat(matched("HEAD", "/photos", "")).isEqualTo("HeadBucket");
        assertThat(matched("PUT", "/photos", "")).isEqualTo("CreateBucket");
    }

    @Test
    void literalQueryKeysAndRequiredQueryParametersMakeAMatchMoreSpecific() {
        assertThat(matched("GET", "/photos", "list-type=2&prefix=a")).isEqualTo("ListObjectsV2");
        assertThat(matched("GET", "/photos", "list-type=3")).isEqualTo("ListObjects");
        assertThat(matched("GET", "/photos", "location")).isEqualTo("GetBucketLocation");
        assertThat(matched("GET", "/photos", "uploads")).isEqualTo("ListMultipartUploads");
        assertThat(matched("POST", "/photos", "delete")).isEqualTo("DeleteObjects");
        assertThat(matched("POST", "/photos/big.bin", "uploads")).isEqualTo("CreateMultipartUpload");
        assertThat(matched("POST", "/photos/big.bin", "uploadId=u")).isEqualTo("CompleteMultipartUpload");
        assertThat(matched("GET", "/photos/big.bin", "uploadId=u")).isEqualTo("ListParts");
        assertThat(matched("DELETE", "/photos/big.bin", "uploadId=u")).isEqualTo("AbortMultipartUpload");
        assertThat(matched("DELETE", "/photos/big.bin", "versionId=v")).isEqualTo("DeleteObject");
        assertThat(matched("PUT", "/photos/a.jpg", "tagging")).isEqualTo("PutObjectTagging");
        assertThat(matched("GET", "/photos/a.jpg", "tagging&versionId=v")).isEqualTo("GetObjectTagging");
        assertThat(matched("PUT", "/photos/big.bin", "partNumber=1&uploadId=u")).isEqualTo("UploadPart");
        assertThat(matched("PUT", "/photos/big.bin", "partNumber=1")).isEqualTo("PutObject");
    }

    @Test
    void aSelectingHeaderTellsCopiesFromUploads() {
        assertThat(matched("PUT", "/photos/a.jpg", "")).isEqualTo("PutObject");
        assertThat(matched("PUT", "/photos/a.jpg", "", "x-amz-copy-source")).isEqualTo("CopyObject");
        assertThat(matched("PUT", "/photos/big.bin", "partNumber=1&uploadId=u", "x-amz-copy-source"))
                .isEqualTo("UploadPartCopy");
    }

    @Test
    void aRequestOfNoOperationMatchesNothing() {
        assertThat(matched("PATCH", "/photos/a.jpg", "")).isNull();
        assertThat(matched("POST", "/photos/a.jpg", "")).isNull();
    }

    @Test
    void labelsArePercentDecodedAndAGreedyLabelKeepsItsSlashesAndPluses() {
        RestMatch match =
                Objects.requireNonNull(CODEC.match("GET", "/my-bucket/a%20b/c+d/%E2%82%AC//x%2Fy", null, Map.of()));
        assertThat(match.labels()).containsEntry("Bucket", "my-bucket").containsEntry("Key", "a b/c+d/€//x/y");
    }

    @Test
    void queryValuesAreTypedAndABadIntegerIsAnInvalidArgument() {
        assertThat(decode("GET", "/photos", "list-type=2&max-keys=7&fetch-owner=true", "")
                        .get("MaxKeys")
                        .intValue())
                .isEqualTo(7);
        assertThatThrownBy(() -> decode("GET", "/photos", "list-type=2&max-keys=abc", ""))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(RestXmlError.INVALID_ARGUMENT);
                    assertThat(e.code().httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Provided max-keys not an integer or within integer range");
                    assertThat(e.detail()).isEqualTo(new RestXmlError.Argument("max-keys", "abc"));
                    assertThat(new String(
                                    RestXmlCodec.encodeError(e, "R", "H", false).body(), StandardCharsets.UTF_8))
                            .contains("<Code>InvalidArgument</Code>")
                            .contains("<ArgumentName>max-keys</ArgumentName><ArgumentValue>abc</ArgumentValue>");
                });
    }

    @Test
    void aBadIntegerHeaderIsAnInvalidArgument() {
        RestMatch match = Objects.requireNonNull(CODEC.match("PUT", "/photos/a.jpg", "", Map.of()));
        Map<String, List<String>> headers = Map.of("content-length", List.of("twelve"));
        assertThatThrownBy(() -> CODEC.decode(match, "", headers, new ByteArrayInputStream(new byte[0]), 0))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(RestXmlError.INVALID_ARGUMENT));
    }

    @Test
    void malformedXmlIsMalformedXml() {
        assertThatThrownBy(() -> decode("POST", "/photos", "delete", "<Delete><Object><Key>a</Key></Delete>"))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code().queryCode()).isEqualTo("MalformedXML");
                    assertThat(e.code().httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage())
                            .isEqualTo("The XML you provided was not well-formed or did not validate against our"
                                    + " published schema");
                });
    }

    @Test
    void aValueThatIsNotItsTypeInTheBodyIsMalformedXml() {
        assertThatThrownBy(() -> decode("POST", "/photos", "delete", "<Delete><Quiet>perhaps</Quiet></Delete>"))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(RestXmlError.MALFORMED_XML));
    }

    @Test
    void aDocumentTypeDeclarationIsRefusedAndNoEntityIsExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Delete><Object><Key>&x;</Key></Object></Delete>";
        assertThatThrownBy(() -> decode("POST", "/photos", "delete", xxe))
                .isInstanceOfSatisfying(
                        AwsException.class, e -> assertThat(e.code()).isEqualTo(RestXmlError.MALFORMED_XML));
    }

    @Test
    void aBodyOverTheBoundIsRefusedWhetherItsLengthIsKnownOrNot() {
        RestXmlCodec small = new RestXmlCodec(S3Sdk.MODEL, S3Sdk.CONFIG.withMaxXmlBytes(64));
        RestMatch match = Objects.requireNonNull(small.match("POST", "/photos", "delete", Map.of()));
        byte[] big = ("<Delete>" + "<Object><Key>k</Key></Object>".repeat(10) + "</Delete>")
                .getBytes(StandardCharsets.UTF_8);
        for (long declared : new long[] {big.length, -1}) {
            assertThatThrownBy(() -> small.decode(match, "delete", Map.of(), new ByteArrayInputStream(big), declared))
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo(RestXmlError.MAX_MESSAGE_LENGTH_EXCEEDED);
                        assertThat(e.code().httpStatus()).isEqualTo(400);
                    });
        }
    }

    @Test
    void anEmptyBodyForAnOptionalPayloadIsNoPayload() {
        assertThat(decode("PUT", "/photos", "", ""))
                .isEqualTo(JsonNodeFactory.instance.objectNode().put("Bucket", "photos"));
    }

    @Test
    void theErrorDocumentIsS3sAndAHeadRequestGetsNoBody() {
        WireResponse error = RestXmlCodec.encodeError(
                "NoSuchBucket",
                404,
                "The specified bucket does not exist",
                "R1",
                "H1",
                Map.of("BucketName", "b"),
                false);
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.contentType()).isEqualTo("application/xml");
        assertThat(error.headers()).containsEntry("x-amz-request-id", "R1").containsEntry("x-amz-id-2", "H1");
        assertThat(new String(error.body(), StandardCharsets.UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code>"
                        + "<Message>The specified bucket does not exist</Message><BucketName>b</BucketName>"
                        + "<RequestId>R1</RequestId><HostId>H1</HostId></Error>");
        assertThat(RestXmlCodec.encodeError("NoSuchBucket", 404, "m", "R1", "H1", Map.of(), true)
                        .body())
                .isEmpty();
    }

    @Test
    void aCodecErrorIsWrittenWithItsCodeAndStatus() {
        WireResponse error = RestXmlCodec.encodeError(RestXmlError.MALFORMED_XML.exception(), "R", "H", false);
        assertThat(error.status()).isEqualTo(400);
        assertThat(new String(error.body(), StandardCharsets.UTF_8)).contains("<Code>MalformedXML</Code>");
    }

    @Test
    void aStreamingBodyIsCopiedInChunksAndItsStreamClosed() throws Exception {
        byte[] bytes = new byte[150_000];
        AtomicBoolean closed = new AtomicBoolean();
        InputStream stream = new ByteArrayInputStream(bytes) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.putPOJO("Body", new StreamingBlob(stream, bytes.length));
        WireResponse wire = CODEC.encode(Objects.requireNonNull(S3Sdk.MODEL.operation("GetObject")), result);
        List<Integer> chunks = new ArrayList<>();
        Objects.requireNonNull(wire.stream()).writeTo(chunk -> chunks.add(chunk.length));
        assertThat(chunks).containsExactly(65_536, 65_536, 18_928);
        assertThat(closed).isTrue();
        assertThat(wire.headers()).containsEntry("Content-Length", "150000");
        assertThat(wire.contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void aStreamingBodyThatEndsShortOfItsLengthFails() {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.putPOJO("Body", new StreamingBlob(new ByteArrayInputStream(new byte[10]), 20));
        WireResponse wire = CODEC.encode(Objects.requireNonNull(S3Sdk.MODEL.operation("GetObject")), result);
        assertThatThrownBy(() -> Objects.requireNonNull(wire.stream()).writeTo(chunk -> true))
                .isInstanceOf(IOException.class);
    }

    @Test
    void anOperationWithOnlyHeaderOutputsWritesAnEmptyBody() {
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("ETag", "\"e\"");
        WireResponse wire = CODEC.encode(Objects.requireNonNull(S3Sdk.MODEL.operation("PutObject")), result);
        assertThat(wire.status()).isEqualTo(200);
        assertThat(wire.body()).isEmpty();
        assertThat(wire.headers()).containsExactly(Map.entry("ETag", "\"e\""));
    }
}

package dev.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.protocol.StreamingBody;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.rest.RestMatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * S3's model read from the SDK v2's classes, the codec configured as S3 needs it, and a real S3 client over an HTTP
 * client without a socket: it keeps each request as the SDK marshalled it and answers with a response of the codec, so
 * that the SDK's own marshaller and unmarshaller meet the codec directly.
 */
final class S3Sdk {

    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    static final ServiceModel MODEL = SdkModelReader.read(
            new SdkModelReader.Service("com.amazonaws.s3#AmazonS3", "s3", false).withHttpBindings(), S3Client.class);
    /** The root elements that S3's Smithy model names with {@code xmlName} and the SDK's classes do not keep. */
    static final Map<String, String> ROOTS = Map.of(
            "ListObjectsV2", "ListBucketResult",
            "ListObjects", "ListBucketResult",
            "ListBuckets", "ListAllMyBucketsResult",
            "CreateMultipartUpload", "InitiateMultipartUploadResult",
            "DeleteObjects", "DeleteResult",
            "GetObjectTagging", "Tagging",
            "GetBucketAcl", "AccessControlPolicy",
            "GetBucketLocation", "LocationConstraint");

    static final RestXmlConfig CONFIG = new RestXmlConfig(NAMESPACE, "/{Bucket}")
            .withSelectingHeaders(Set.of("x-amz-copy-source"))
            .withRootElements(ROOTS);
    static final RestXmlCodec CODEC = new RestXmlCodec(MODEL, CONFIG);

    /** One request as it left the SDK, and what the codec reads in it. */
    record Captured(SdkHttpRequest request, byte[] body) {

        String rawPath() {
            return request.getUri().getRawPath();
        }

        @Nullable
        String rawQuery() {
            return request.getUri().getRawQuery();
        }

        /** The headers by lower-case name, as the transport hands them over. */
        Map<String, List<String>> headers() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            request.headers().forEach((name, values) -> out.computeIfAbsent(
                            name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(values));
            return out;
        }

        RestMatch match() {
            return Objects.requireNonNull(
                    CODEC.match(request.method().name(), rawPath(), rawQuery(), headers()), "no operation matched");
        }

        ObjectNode decode() {
            return CODEC.decode(match(), rawQuery(), headers(), new ByteArrayInputStream(body), body.length);
        }
    }

    /** An SDK HTTP client that keeps requests and answers each with the one response it was given. */
    static final class Http implements SdkHttpClient {
        private final List<Captured> requests = new ArrayList<>();
        private WireResponse response = new WireResponse(200, "application/xml", Map.of(), new byte[0]);

        void respond(WireResponse wire) {
            this.response = wire;
        }

        Captured last() {
            if (requests.isEmpty()) {
                throw new IllegalStateException("no request was sent");
            }
            return requests.get(requests.size() - 1);
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    ContentStreamProvider content =
                            request.contentStreamProvider().orElse(null);
                    byte[] body = new byte[0];
                    if (content != null) {
                        try (InputStream in = content.newStream()) {
                            body = in.readAllBytes();
                        }
                    }
                    requests.add(new Captured(request.httpRequest(), body));
                    SdkHttpResponse.Builder head = SdkHttpResponse.builder()
                            .statusCode(response.status())
                            .putHeader("Content-Type", response.contentType());
                    response.headers().forEach(head::putHeader);
                    return HttpExecuteResponse.builder()
                            .response(head.build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bodyOf(response))))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }

    /** A response's whole body: its bytes, or what its streaming body writes. */
    static byte[] bodyOf(WireResponse response) throws IOException {
        StreamingBody stream = response.stream();
        if (stream == null) {
            return response.body();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            stream.writeTo(chunk -> {
                out.write(chunk, 0, chunk.length);
                return true;
            });
        } catch (Exception e) {
            throw new IOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A path-style S3 client on a fixed endpoint, so that the bucket is in the path, without retries. Over https and
     * without checksums unless an operation requires one, the SDK sends an object's bytes as they are: over http it
     * frames them in signed {@code aws-chunked} chunks, which the transport unwraps before the codec sees the body.
     */
    static S3Client client(Http http) {
        return S3Client.builder()
                .endpointOverride(URI.create("https://localhost:4566"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .httpClient(http)
                .build();
    }

    private S3Sdk() {}
}

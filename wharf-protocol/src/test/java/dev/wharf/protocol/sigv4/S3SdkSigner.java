package dev.wharf.protocol.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs S3 requests with the AWS SDK for Java v2's own signer, configured as its S3 client configures it, and returns
 * what the server receives: the head, and the body as it goes on the wire.
 */
final class S3SdkSigner {

    /** How the SDK signs the body. */
    enum Body {
        /** The body's SHA-256 in x-amz-content-sha256. */
        SIGNED,
        /** UNSIGNED-PAYLOAD. */
        UNSIGNED,
        /** aws-chunked, each chunk signed. */
        CHUNKED_SIGNED,
        /** aws-chunked, unsigned chunks: STREAMING-UNSIGNED-PAYLOAD-TRAILER, with a checksum trailer. */
        CHUNKED_UNSIGNED
    }

    /** A request as the server receives it. */
    record Received(dev.wharf.protocol.sigv4.SignedRequest head, byte[] wire) {}

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Clock clock;

    S3SdkSigner(String accessKeyId, String secretAccessKey, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.clock = clock;
    }

    /** A PUT of a body, signed as the S3 client signs it; with a checksum algorithm, a checksum header or trailer. */
    Received put(String uri, byte[] body, Body mode, @Nullable ChecksumAlgorithm checksum) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PUT)
                .uri(URI.create(uri))
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("Content-Type", "application/octet-stream")
                .build();
        return sign(request, body, mode, checksum);
    }

    Received sign(SdkHttpRequest request, byte[] body, Body mode, @Nullable ChecksumAlgorithm checksum) {
        SignedRequest signed = signer.sign(r -> {
            r.identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(
                            AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED,
                            mode == Body.SIGNED || mode == Body.CHUNKED_SIGNED)
                    .putProperty(
                            AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED,
                            mode == Body.CHUNKED_SIGNED || mode == Body.CHUNKED_UNSIGNED);
            if (checksum != null) {
                r.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, checksum);
            }
        });
        byte[] wire = signed.payload().map(S3SdkSigner::readAll).orElse(new byte[0]);
        return new Received(head(signed.request()), wire);
    }

    /** A GET presigned in the query-string form, as the S3 presigner makes it. */
    dev.wharf.protocol.sigv4.SignedRequest presignedGet(String uri, Duration expiration) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(uri))
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiration));
        return head(signed.request());
    }

    /** The head as the server reads it off the wire: the HTTP client adds Host when the signer has not. */
    static dev.wharf.protocol.sigv4.SignedRequest head(SdkHttpRequest signed) {
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        if (signed.firstMatchingHeader("Host").isEmpty()) {
            int standardPort = "https".equals(signed.protocol()) ? 443 : 80;
            int port = signed.port();
            headers.put(
                    "Host", List.of(port == -1 || port == standardPort ? signed.host() : signed.host() + ":" + port));
        }
        String rawQuery = signed.getUri().getRawQuery();
        return dev.wharf.protocol.sigv4.SignedRequest.streamed(
                signed.method().name(), signed.encodedPath(), rawQuery == null ? "" : rawQuery, headers);
    }

    private static byte[] readAll(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.wharf.protocol.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Signs requests with the AWS SDK for Java v2's own SigV4 signer and turns them into what the server receives. */
final class SdkSigner {

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final String service;
    private final Clock clock;

    SdkSigner(String accessKeyId, String secretAccessKey, String region, String service, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    /** A POST of a Query protocol form, as the SQS client sends it. */
    SignedRequest queryPost(String uri, String form) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(uri))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        return sign(request, form.getBytes(StandardCharsets.UTF_8));
    }

    /** A POST of a JSON 1.0 body with its X-Amz-Target, as the SQS client sends it. */
    SignedRequest jsonPost(String uri, String target, String json) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(uri))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", target)
                .build();
        return sign(request, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Signs any request in the header form. */
    SignedRequest sign(SdkHttpRequest request, byte[] body) {
        SdkHttpRequest signed = signer.sign(r -> r.identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock))
                .request();
        return received(signed, body);
    }

    /** Presigns a GET in the query-string form, valid for the given time. */
    SignedRequest presignedGet(String uri, Duration expiration) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(uri))
                .build();
        SdkHttpRequest signed = signer.sign(r -> r.identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiration))
                .request();
        return received(signed, new byte[0]);
    }

    /** The request as a server reads it off the wire: the HTTP client adds Host when the signer has not. */
    static SignedRequest received(SdkHttpRequest signed, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        if (signed.firstMatchingHeader("Host").isEmpty()) {
            headers.put("Host", List.of(hostHeader(signed)));
        }
        String rawQuery = signed.getUri().getRawQuery();
        return new SignedRequest(
                signed.method().name(), signed.encodedPath(), rawQuery == null ? "" : rawQuery, headers, body);
    }

    private static String hostHeader(SdkHttpRequest request) {
        int port = request.port();
        int standardPort = "https".equals(request.protocol()) ? 443 : 80;
        return port == -1 || port == standardPort ? request.host() : request.host() + ":" + port;
    }
}

package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs a {@link WireRequest} with the SDK's own SigV4 signer, after its mutation, so that a mutated request still
 * carries a valid signature and reaches the codecs and the engine even when the server checks signatures.
 *
 * <p>Thread-safe: the SDK's signer keeps no state between calls.
 */
final class RequestSigner {

    static final String REGION = "us-east-1";
    static final String SERVICE = "sqs";

    /** Headers that frame or route the exchange rather than describe the request; the SDK leaves them unsigned. */
    private static final Set<String> UNSIGNED =
            Set.of("content-length", "transfer-encoding", "connection", "expect", "authorization", "x-amz-date");

    /**
     * How one request is signed; SigV4 mutations change one part.
     *
     * @param clockSkew how far the signing clock is from the real one
     */
    record Signing(String accessKey, String secretKey, String service, String region, Duration clockSkew) {}

    /** Longer request targets are past the server's request-line limit (16 KiB) by far. */
    private static final int TARGET_SIGNED_MAX = 64 * 1024;

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Signing defaults;
    private final String host;
    private final int port;

    RequestSigner(String accessKey, String secretKey, String host, int port) {
        this.defaults = new Signing(accessKey, secretKey, SERVICE, REGION, Duration.ZERO);
        this.host = host;
        this.port = port;
    }

    Signing defaults() {
        return defaults;
    }

    /** The request with Authorization and X-Amz-Date headers of a valid signature, for the default identity. */
    WireRequest sign(WireRequest request) {
        return sign(request, defaults);
    }

    WireRequest sign(WireRequest request, Signing signing) {
        if (request.target().length() > TARGET_SIGNED_MAX) {
            // The server refuses a request line this long (414) before it reads a signature, so canonicalizing a
            // megabyte of query would only slow the run: the path alone is signed, the whole target sent.
            return sign(request.withTarget(request.path().length() > TARGET_SIGNED_MAX ? "/" : request.path()), signing)
                    .withTarget(request.target());
        }
        if (malformedEscape(request.path())) {
            // The SDK's signer cannot read a path with a broken escape (%ZZ), which the case is there to send: the
            // path with its percent signs escaped is signed instead, and the broken one sent, as a client would.
            return sign(request.withTarget(request.target().replace("%", "%25")), signing)
                    .withTarget(request.target());
        }
        SignedRequest signed =
                signer.sign(r -> r.identity(AwsCredentialsIdentity.create(signing.accessKey(), signing.secretKey()))
                        .request(unsigned(request))
                        .payload(() -> new ByteArrayInputStream(request.body()))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, signing.region())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signing.service())
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock(signing)));
        WireRequest out = request;
        for (String name : List.of("X-Amz-Date", "Authorization", "x-amz-content-sha256")) {
            String value = signed.request().firstMatchingHeader(name).orElse(null);
            if (value != null) {
                out = out.with(name, value);
            }
        }
        return out;
    }

    private static boolean malformedEscape(String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length()
                    || Character.digit(path.charAt(i + 1), 16) < 0
                    || Character.digit(path.charAt(i + 2), 16) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The request presigned in its query string (X-Amz-Algorithm, X-Amz-Credential, …), with no Authorization. */
    WireRequest presign(WireRequest request, Signing signing, Duration expires) {
        WireRequest bare = request.without("Authorization").without("X-Amz-Date");
        SignedRequest signed = signer.sign(r -> r.identity(
                        AwsCredentialsIdentity.create(signing.accessKey(), signing.secretKey()))
                .request(unsigned(bare))
                .payload(() -> new ByteArrayInputStream(bare.body()))
                .putProperty(AwsV4HttpSigner.REGION_NAME, signing.region())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signing.service())
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock(signing)));
        String query = signed.request().encodedQueryParameters().orElse("");
        return bare.withTarget(bare.path() + (query.isEmpty() ? "" : "?" + query));
    }

    private static Clock clock(Signing signing) {
        return signing.clockSkew().isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), signing.clockSkew());
    }

    private SdkHttpRequest unsigned(WireRequest request) {
        String path = request.path().startsWith("/") ? request.path() : "/";
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(method(request.method()))
                .protocol("http")
                .host(host)
                .port(port)
                .encodedPath(path);
        String query = request.rawQuery();
        if (!query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                builder.appendRawQueryParameter(decode(name), decode(value));
            }
        }
        boolean hasHost = false;
        for (WireRequest.Header header : request.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            hasHost |= name.equals("host");
            if (!UNSIGNED.contains(name)) {
                builder.appendHeader(header.name(), header.value());
            }
        }
        if (!hasHost) {
            builder.putHeader("Host", host + ":" + port);
        }
        return builder.build();
    }

    private static SdkHttpMethod method(String method) {
        try {
            return SdkHttpMethod.fromValue(method);
        } catch (IllegalArgumentException e) {
            // Methods the SDK cannot sign are signed as POST: the server then answers their signature, or not.
            return SdkHttpMethod.POST;
        }
    }

    /** Percent-decodes leniently, as a server would try to: a broken escape stays as it is. */
    static String decode(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    bytes.write(high * 16 + low);
                    i += 2;
                    continue;
                }
            }
            if (c < 0x80) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(UTF_8));
            }
        }
        return bytes.toString(UTF_8);
    }
}

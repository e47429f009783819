package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SigV4 cases: a valid read-only request (JSON or Query, header-signed or presigned) signed properly, then with its
 * signature broken: missing or garbled {@code Authorization} headers, bad parts, bad dates, wrong keys and scopes,
 * presigned query strings with bad {@code X-Amz-*} values. Only read-only operations are used, since a server
 * accepting any signature runs them.
 */
final class SigV4Cases implements CaseGenerator {

    private static final List<String> OPERATIONS =
            List.of("ListQueues", "GetQueueUrl", "GetQueueAttributes", "ListQueueTags");

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("valid-signed", 10),
            new Mutation("missing-auth", 8),
            new Mutation("empty-auth", 5),
            new Mutation("scheme-only", 5),
            new Mutation("other-scheme", 8),
            new Mutation("no-equals", 6),
            new Mutation("missing-part", 8),
            new Mutation("empty-part", 6),
            new Mutation("credential-parts", 12),
            new Mutation("bad-algorithm", 6),
            new Mutation("garbled", 10),
            new Mutation("duplicate-auth", 5),
            new Mutation("both-forms", 5),
            new Mutation("signature-value", 8),
            new Mutation("signed-headers", 8),
            new Mutation("wrong-key", 8),
            new Mutation("wrong-scope", 8),
            new Mutation("date-header", 12),
            new Mutation("clock-skew", 8),
            new Mutation("content-sha", 8),
            new Mutation("host-unsigned", 5),
            new Mutation("presign-valid", 8),
            new Mutation("presign-param", 25),
            new Mutation("presign-missing-param", 8),
            new Mutation("presign-duplicate", 5),
            new Mutation("presign-expired", 5),
            new Mutation("presign-bad-encoding", 6));

    private static final List<String> PRESIGN_PARAMS = List.of(
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Date",
            "X-Amz-Expires",
            "X-Amz-SignedHeaders",
            "X-Amz-Signature",
            "X-Amz-Security-Token",
            "X-Amz-Content-Sha256");

    /** A signed request and the shape its errors must have. */
    private record Signed(WireRequest request, FuzzCase.Shape shape, String operation) {}

    private final JsonCases json;
    private final QueryCases query;
    private final RequestSigner signer;

    SigV4Cases(JsonCases json, QueryCases query, RequestSigner signer) {
        this.json = json;
        this.query = query;
        this.signer = signer;
    }

    @Override
    public FuzzCase.Category category() {
        return FuzzCase.Category.SIGV4;
    }

    @Override
    public List<Mutation> mutations() {
        return MUTATIONS;
    }

    @Override
    public FuzzCase generate(String mutation, long index, SplittableRandom random) {
        Signed signed =
                switch (mutation) {
                    case "wrong-key" -> signed(random, wrongKey(random));
                    case "wrong-scope" -> signed(random, wrongScope(random));
                    case "clock-skew" -> signed(random, skewed(random));
                    default -> mutation.startsWith("presign-") ? presigned(random) : signed(random, signer.defaults());
                };
        WireRequest request = mutate(mutation, signed, random);
        return new FuzzCase(
                index,
                FuzzCase.Category.SIGV4,
                mutation,
                signed.shape(),
                signed.operation(),
                request.render(),
                FuzzCase.Plan.keepAlive());
    }

    private WireRequest unsigned(SplittableRandom r, boolean jsonProtocol, String operation) {
        if (jsonProtocol) {
            SdkCapture.JsonBase base = json.base(operation);
            return base.request()
                    .with("Host", hostOf(query.unsigned(operation)))
                    .with("Content-Length", Integer.toString(base.request().body().length));
        }
        return r.nextInt(3) == 0 ? query.unsignedGet(operation) : query.unsigned(operation);
    }

    private Signed signed(SplittableRandom r, RequestSigner.Signing signing) {
        boolean jsonProtocol = r.nextBoolean();
        String operation = Hostile.pick(r, OPERATIONS);
        WireRequest request = unsigned(r, jsonProtocol, operation);
        WireRequest signedRequest;
        try {
            signedRequest = signer.sign(request, signing);
        } catch (RuntimeException e) {
            // The SDK refuses to sign with some broken identities (an empty key); then sign properly and break it.
            signedRequest = signer.sign(request);
        }
        return new Signed(signedRequest, jsonProtocol ? FuzzCase.Shape.JSON : FuzzCase.Shape.QUERY, operation);
    }

    private Signed presigned(SplittableRandom r) {
        String operation = Hostile.pick(r, OPERATIONS);
        boolean jsonProtocol = r.nextInt(4) == 0;
        WireRequest request = jsonProtocol ? unsigned(r, true, operation) : query.unsignedGet(operation);
        WireRequest presigned = signer.presign(request, signer.defaults(), Duration.ofMinutes(5));
        return new Signed(presigned, jsonProtocol ? FuzzCase.Shape.JSON : FuzzCase.Shape.QUERY, operation);
    }

    private WireRequest mutate(String mutation, Signed signed, SplittableRandom r) {
        WireRequest s = signed.request();
        String auth = s.header("Authorization");
        String authorization = auth == null ? "" : auth;
        return switch (mutation) {
            case "valid-signed", "presign-valid", "wrong-key", "wrong-scope", "clock-skew" -> s;
            case "missing-auth" ->
                r.nextBoolean()
                        ? s.without("Authorization")
                        : s.without("Authorization").without("X-Amz-Date");
            case "empty-auth" -> s.with("Authorization", Hostile.pick(r, List.of("", " ", "\t")));
            case "scheme-only" ->
                s.with(
                        "Authorization",
                        Hostile.pick(r, List.of("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "AWS4-", "AWS4")));
            case "other-scheme" ->
                s.with("Authorization", Hostile.pick(r, OTHER_SCHEMES).replace("{auth}", authorization));
            case "no-equals" ->
                s.with(
                        "Authorization",
                        withPart(authorization, r, Hostile.pick(r, List.of("Credential", "Foo", "Signature", ""))));
            case "missing-part" -> s.with("Authorization", withoutPart(authorization, r));
            case "empty-part" ->
                s.with(
                        "Authorization",
                        replacePart(
                                authorization,
                                Hostile.pick(r, List.of("Credential", "SignedHeaders", "Signature")),
                                ""));
            case "credential-parts" ->
                s.with("Authorization", replacePart(authorization, "Credential", Hostile.pick(r, CREDENTIALS)));
            case "bad-algorithm" ->
                s.with(
                        "Authorization",
                        Hostile.pick(r, ALGORITHMS)
                                + authorization.substring(
                                        authorization.indexOf(' ') < 0
                                                ? authorization.length()
                                                : authorization.indexOf(' ')));
            case "garbled" -> s.with("Authorization", garbled(r, authorization));
            case "duplicate-auth" ->
                s.adding(
                        "Authorization",
                        r.nextBoolean()
                                ? authorization
                                : "AWS4-HMAC-SHA256 Credential=other/20250101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00");
            case "both-forms" ->
                s.withTarget(s.target() + (s.target().contains("?") ? "&" : "?") + "X-Amz-Algorithm=AWS4-HMAC-SHA256");
            case "signature-value" ->
                s.with("Authorization", replacePart(authorization, "Signature", Hostile.pick(r, SIGNATURES)));
            case "signed-headers" ->
                s.with("Authorization", replacePart(authorization, "SignedHeaders", Hostile.pick(r, SIGNED_HEADERS)));
            case "date-header" -> dateHeader(s, r);
            case "content-sha" -> s.with("x-amz-content-sha256", Hostile.pick(r, contentHashes()));
            case "host-unsigned" ->
                s.with(
                        "Authorization",
                        replacePart(authorization, "SignedHeaders", signedHeadersWithoutHost(authorization)));
            case "presign-param" -> presignParam(s, r);
            case "presign-missing-param" -> s.withTarget(removeParam(s.target(), Hostile.pick(r, PRESIGN_PARAMS)));
            case "presign-duplicate" ->
                s.withTarget(s.target() + "&" + Hostile.pick(r, PRESIGN_PARAMS) + "="
                        + Hostile.pick(r, List.of("AWS4-HMAC-SHA256", "20250101T000000Z", "60", "x")));
            case "presign-expired" ->
                s.withTarget(setParam(setParam(s.target(), "X-Amz-Date", "20200101T000000Z"), "X-Amz-Expires", "60"));
            case "presign-bad-encoding" ->
                s.withTarget(setParam(
                        s.target(),
                        Hostile.pick(r, PRESIGN_PARAMS),
                        Hostile.pick(r, List.of("%2", "%ZZ", "%", "a%2Fb%", "%C3%28", "%FF"))));
            default -> throw new IllegalArgumentException("unknown SigV4 mutation " + mutation);
        };
    }

    private RequestSigner.Signing wrongKey(SplittableRandom r) {
        RequestSigner.Signing d = signer.defaults();
        return switch (r.nextInt(5)) {
            case 0 -> new RequestSigner.Signing(d.accessKey(), "wrong-secret", d.service(), d.region(), d.clockSkew());
            case 1 ->
                new RequestSigner.Signing("AKIDUNKNOWNFUZZ", d.secretKey(), d.service(), d.region(), d.clockSkew());
            case 2 -> new RequestSigner.Signing("123456789012", d.secretKey(), d.service(), d.region(), d.clockSkew());
            case 3 -> new RequestSigner.Signing("", d.secretKey(), d.service(), d.region(), d.clockSkew());
            default ->
                new RequestSigner.Signing(
                        WireRequest.utf8Bytes("\u00e9key"), d.secretKey(), d.service(), d.region(), d.clockSkew());
        };
    }

    private RequestSigner.Signing wrongScope(SplittableRandom r) {
        RequestSigner.Signing d = signer.defaults();
        String service = Hostile.pick(r, List.of("sns", "sts", "SQS", "sqs", "sqs", ""));
        String region = Hostile.pick(r, List.of("us-west-2", "", "x".repeat(100), "\u00fcs-east-1", "us-east-1", "*"));
        return new RequestSigner.Signing(d.accessKey(), d.secretKey(), service, region, d.clockSkew());
    }

    private RequestSigner.Signing skewed(SplittableRandom r) {
        RequestSigner.Signing d = signer.defaults();
        Duration[] skews = {
            Duration.ofMinutes(-16),
            Duration.ofMinutes(16),
            Duration.ofHours(-1),
            Duration.ofHours(1),
            Duration.ofDays(-3650),
            Duration.ofDays(365 * 50),
            Duration.ofMinutes(-14),
            Duration.ofMinutes(14)
        };
        return new RequestSigner.Signing(
                d.accessKey(), d.secretKey(), d.service(), d.region(), skews[r.nextInt(skews.length)]);
    }

    private static WireRequest dateHeader(WireRequest s, SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> s.without("X-Amz-Date");
            case 1 ->
                s.without("X-Amz-Date")
                        .with(
                                "Date",
                                Hostile.pick(
                                        r,
                                        List.of(
                                                "Wed, 01 Jan 2025 00:00:00 GMT",
                                                "Wednesday, 01-Jan-25 00:00:00 GMT",
                                                "garbage",
                                                "",
                                                "Wed Jan  1 00:00:00 2025")));
            case 2 -> s.adding("X-Amz-Date", "20200101T000000Z");
            default -> s.with("X-Amz-Date", Hostile.pick(r, DATES));
        };
    }

    private static WireRequest presignParam(WireRequest s, SplittableRandom r) {
        String name = Hostile.pick(r, PRESIGN_PARAMS);
        List<String> values =
                switch (name) {
                    case "X-Amz-Algorithm" -> ALGORITHMS;
                    case "X-Amz-Credential" -> CREDENTIALS;
                    case "X-Amz-Date" -> DATES;
                    case "X-Amz-Expires" -> EXPIRES;
                    case "X-Amz-SignedHeaders" -> SIGNED_HEADERS;
                    case "X-Amz-Signature" -> SIGNATURES;
                    default -> List.of("", "x", "%00", "A".repeat(5000), "UNSIGNED-PAYLOAD", "zz");
                };
        return s.withTarget(setParam(s.target(), name, QueryCases.encode(Hostile.pick(r, values))));
    }

    /** Sets a query parameter to an already-encoded value, adding it when absent. */
    static String setParam(String target, String name, String encodedValue) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        List<String> pairs = new ArrayList<>();
        boolean set = false;
        if (question >= 0) {
            for (String pair : target.substring(question + 1).split("&", -1)) {
                if (pair.startsWith(name + "=") && !set) {
                    pairs.add(name + "=" + encodedValue);
                    set = true;
                } else {
                    pairs.add(pair);
                }
            }
        }
        if (!set) {
            pairs.add(name + "=" + encodedValue);
        }
        return path + "?" + String.join("&", pairs);
    }

    static String removeParam(String target, String name) {
        int question = target.indexOf('?');
        if (question < 0) {
            return target;
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : target.substring(question + 1).split("&", -1)) {
            if (!pair.startsWith(name + "=")) {
                pairs.add(pair);
            }
        }
        return target.substring(0, question) + "?" + String.join("&", pairs);
    }

    private static String hostOf(WireRequest request) {
        String host = request.header("Host");
        return host == null ? "127.0.0.1" : host;
    }

    /** The parts after the algorithm: {@code Credential=…}, {@code SignedHeaders=…}, {@code Signature=…}. */
    private static List<String> parts(String authorization) {
        int space = authorization.indexOf(' ');
        List<String> parts = new ArrayList<>();
        if (space < 0) {
            return parts;
        }
        for (String part : authorization.substring(space + 1).split(",", -1)) {
            parts.add(part.strip());
        }
        return parts;
    }

    private static String scheme(String authorization) {
        int space = authorization.indexOf(' ');
        return space < 0 ? authorization : authorization.substring(0, space);
    }

    private static String join(String authorization, List<String> parts) {
        return scheme(authorization) + " " + String.join(", ", parts);
    }

    private static String replacePart(String authorization, String name, String value) {
        List<String> parts = parts(authorization);
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).startsWith(name + "=")) {
                parts.set(i, name + "=" + value);
            }
        }
        return join(authorization, parts);
    }

    private static String withPart(String authorization, SplittableRandom r, String part) {
        List<String> parts = parts(authorization);
        parts.add(r.nextInt(parts.size() + 1), part);
        return join(authorization, parts);
    }

    private static String withoutPart(String authorization, SplittableRandom r) {
        List<String> parts = parts(authorization);
        int drops = 1 + r.nextInt(Math.max(1, parts.size()));
        for (int i = 0; i < drops && !parts.isEmpty(); i++) {
            parts.remove(r.nextInt(parts.size()));
        }
        return join(authorization, parts);
    }

    private static String signedHeadersWithoutHost(String authorization) {
        for (String part : parts(authorization)) {
            if (part.startsWith("SignedHeaders=")) {
                List<String> kept = new ArrayList<>();
                for (String header : part.substring("SignedHeaders=".length()).split(";", -1)) {
                    if (!header.equals("host")) {
                        kept.add(header);
                    }
                }
                return String.join(";", kept);
            }
        }
        return "x-amz-date";
    }

    private static String garbled(SplittableRandom r, String authorization) {
        return switch (r.nextInt(8)) {
            case 0 -> authorization.replace(", ", ",");
            case 1 -> authorization.replace(", ", ";");
            case 2 -> authorization.replace(' ', '\t');
            case 3 -> authorization + ", " + "Extra=".repeat(2000);
            case 4 -> WireRequest.bytes(Hostile.pick(r, Hostile.INVALID_UTF8)) + authorization;
            case 5 -> authorization.replace("Credential=", "Credential=\u0000");
            case 6 -> "=,=,=,,,==";
            default -> {
                StringBuilder noise = new StringBuilder();
                for (int i = 0; i < 1 + r.nextInt(300); i++) {
                    noise.append((char) (0x21 + r.nextInt(0x5E)));
                }
                yield "AWS4-HMAC-SHA256 " + noise;
            }
        };
    }

    private static List<String> contentHashes() {
        return List.of(
                sha256Hex("another body".getBytes(UTF_8)),
                "UNSIGNED-PAYLOAD",
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "zz",
                "0".repeat(64),
                "",
                "a".repeat(65),
                "A".repeat(64));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final List<String> OTHER_SCHEMES = List.of(
            "Basic dGVzdDp0ZXN0",
            "Bearer abc",
            "AWS test:c2lnbmF0dXJl",
            "AWS3-HTTPS AWSAccessKeyId=test,Algorithm=HmacSHA256,Signature=x",
            "Digest username=\"test\"",
            "aws4-hmac-sha256 Credential=test/20250101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00",
            "{auth}, {auth}",
            " {auth}",
            "AWS4-HMAC-SHA256{auth}");

    private static final List<String> ALGORITHMS = List.of(
            "AWS4-HMAC-SHA512",
            "AWS4-ECDSA-P256-SHA256",
            "AWS4-HMAC-SHA256X",
            "AWS4-HMAC-SHA1",
            "AWS4-",
            "",
            "aws4-hmac-sha256");

    private static final List<String> CREDENTIALS = List.of(
            "test",
            "test/20250101",
            "test/20250101/us-east-1/sqs",
            "test/20250101/us-east-1/sqs/aws4_request/extra",
            "////",
            "test//us-east-1/sqs/aws4_request",
            "/20250101/us-east-1/sqs/aws4_request",
            "test/20250101//sqs/aws4_request",
            "test/2025-01-01/us-east-1/sqs/aws4_request",
            "test/date/us-east-1/sqs/aws4_request",
            "test/20250101/us-east-1/sqs/aws4_request/",
            "test/20250101/us-east-1/sns/aws4_request",
            "test/20250101/us-east-1/sqs/aws5_request",
            "123456789012/20250101/us-east-1/sqs/aws4_request",
            "a".repeat(5000) + "/20250101/us-east-1/sqs/aws4_request",
            "test%2F20250101%2Fus-east-1%2Fsqs%2Faws4_request",
            "t\u00e9st/20250101/us-east-1/sqs/aws4_request",
            "test/20250101/us-east-1/sqs/aws4_request,Credential=other/20250101/us-east-1/sqs/aws4_request",
            "/".repeat(1000),
            "");

    private static final List<String> SIGNATURES = List.of(
            "zz",
            "0".repeat(63),
            "0".repeat(65),
            "A".repeat(64),
            "0".repeat(64),
            "",
            "\u00e9".repeat(64),
            "g".repeat(64),
            "0".repeat(10_000));

    private static final List<String> SIGNED_HEADERS = List.of(
            "",
            "host",
            "x-amz-date",
            "content-type;host;x-amz-date;HOST",
            ";;;",
            "host;x-amz-date;missing-header",
            "a".repeat(5000),
            "Host;X-Amz-Date",
            "host,x-amz-date",
            "host;host;host");

    private static final List<String> DATES = List.of(
            "",
            "2025-01-01T00:00:00Z",
            "20250101",
            "20251301T000000Z",
            "20250230T000000Z",
            "20250101T250000Z",
            "20250101T235960Z",
            "99999999T999999Z",
            "00000000T000000Z",
            "20250101T000000",
            "20250101T000000+0100",
            "\uFF12\uFF10\uFF12\uFF150101T000000Z",
            "a".repeat(1000),
            "20250101T000000Z, 20250101T000000Z",
            "-20250101T000000Z",
            "+1000000101T000000Z");

    private static final List<String> EXPIRES = List.of(
            "abc",
            "-1",
            "0",
            "604801",
            "1e3",
            "99999999999999999999999",
            "",
            " 60",
            "60.5",
            "0x3C",
            "\u0661\u0662",
            "604800");
}

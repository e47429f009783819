package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.wharf.bench.fuzz.FuzzCase.Delivery;
import dev.wharf.bench.fuzz.FuzzCase.Expect;
import dev.wharf.bench.fuzz.FuzzCase.Plan;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * HTTP/1.1 framing cases: valid requests with broken methods, hosts, lengths, chunking, expectations, sizes, line
 * endings and versions; pipelines whose answers must come back in order; requests left half-finished or dropped;
 * other protocols and noise on the HTTP port. Most go on a connection of their own, since a broken frame may leave
 * the connection unusable.
 */
final class HttpCases implements CaseGenerator {

    static final String HEALTH = "/_wharf/health";
    private static final int OVER_HEADER_LIMIT = 17 * 1024;

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("method", 12),
            new Mutation("host", 10),
            new Mutation("te-cl", 12),
            new Mutation("chunked", 14),
            new Mutation("expect", 6),
            new Mutation("oversized", 8),
            new Mutation("pipeline", 6),
            new Mutation("half-finished", 6),
            new Mutation("abrupt-close", 6),
            new Mutation("line-endings", 5),
            new Mutation("header-syntax", 8),
            new Mutation("version", 6),
            new Mutation("foreign-protocol", 4),
            new Mutation("garbage", 4),
            new Mutation("target", 8),
            new Mutation("leading-crlf", 3),
            new Mutation("split-writes", 6),
            new Mutation("connection", 5));

    private final JsonCases json;
    private final QueryCases query;
    private final RequestSigner signer;
    private final String hostHeader;
    /** The queue that the valid GetQueueUrl names: its answer, and only its, holds the name. */
    private final String mainQueue;

    HttpCases(JsonCases json, QueryCases query, RequestSigner signer, String hostHeader) {
        this.json = json;
        this.query = query;
        this.signer = signer;
        this.hostHeader = hostHeader;
        this.mainQueue = json.base("GetQueueUrl").body().path("QueueName").asText();
    }

    @Override
    public FuzzCase.Category category() {
        return FuzzCase.Category.HTTP;
    }

    @Override
    public List<Mutation> mutations() {
        return MUTATIONS;
    }

    /** The bytes and plan of one case, before it is labelled. */
    private record Built(String operation, byte[] bytes, Plan plan) {}

    @Override
    public FuzzCase generate(String mutation, long index, SplittableRandom random) {
        Built built =
                switch (mutation) {
                    case "method" -> method(random);
                    case "host" -> host(random);
                    case "te-cl" -> teCl(random);
                    case "chunked" -> chunked(random);
                    case "expect" -> expect(random);
                    case "oversized" -> oversized(random);
                    case "pipeline" -> pipeline(random);
                    case "half-finished" -> halfFinished(random);
                    case "abrupt-close" -> abrupt(random);
                    case "line-endings" -> lineEndings(random);
                    case "header-syntax" -> headerSyntax(random);
                    case "version" -> version(random);
                    case "foreign-protocol" -> foreign(random);
                    case "garbage" -> garbage(random);
                    case "target" -> target(random);
                    case "leading-crlf" -> leadingCrlf(random);
                    case "split-writes" -> splitWrites(random);
                    case "connection" -> connection(random);
                    default -> throw new IllegalArgumentException("unknown HTTP mutation " + mutation);
                };
        return new FuzzCase(
                index,
                FuzzCase.Category.HTTP,
                mutation,
                FuzzCase.Shape.ANY,
                built.operation(),
                built.bytes(),
                built.plan());
    }

    /** A valid signed request: JSON ListQueues or GetQueueUrl, Query ListQueues, or the health check. */
    private record Base(String operation, WireRequest request) {}

    private Base base(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> new Base("ListQueues", json.valid("ListQueues"));
            case 1 -> new Base("GetQueueUrl", json.valid("GetQueueUrl"));
            case 2 -> new Base("ListQueues", signer.sign(query.unsigned("ListQueues")));
            default -> new Base("-", health());
        };
    }

    /** A base with a body, for the framing cases that need one. */
    private Base bodied(SplittableRandom r) {
        return r.nextBoolean()
                ? new Base("GetQueueUrl", json.valid("GetQueueUrl"))
                : new Base("ListQueues", signer.sign(query.unsigned("ListQueues")));
    }

    WireRequest health() {
        return WireRequest.of("GET", HEALTH, List.of(new WireRequest.Header("Host", hostHeader)), new byte[0]);
    }

    private static Plan fresh(Expect expect) {
        return Plan.fresh(Delivery.FRESH, expect);
    }

    private static Plan halfClose() {
        return Plan.fresh(Delivery.HALF_CLOSE, Expect.RESPONSE_OR_CLOSE);
    }

    private Built method(SplittableRandom r) {
        Base base = base(r);
        String method = Hostile.pick(
                r,
                List.of(
                        "FOO",
                        "TRACE",
                        "HEAD",
                        "post",
                        "Post",
                        "OPTIONS",
                        "CONNECT",
                        "DELETE",
                        "PUT",
                        "PATCH",
                        "PRI",
                        "G@T",
                        "GET\u0000",
                        "P".repeat(1000),
                        "",
                        "POST POST",
                        "M-SEARCH",
                        "PROPFIND",
                        "BREW",
                        "GET\t"));
        WireRequest request = base.request().withMethod(method);
        if (method.equals("HEAD")) {
            return new Built(
                    base.operation(),
                    request.render(),
                    fresh(Expect.RESPONSE).withHead(true).withProbe());
        }
        return new Built(base.operation(), request.render(), fresh(Expect.RESPONSE_OR_CLOSE));
    }

    private Built host(SplittableRandom r) {
        Base base = base(r);
        WireRequest request = base.request();
        request = switch (r.nextInt(5)) {
            case 0 -> request.without("Host");
            case 1 -> request.adding("Host", hostHeader);
            case 2 -> request.adding("Host", "evil.example");
            case 3 -> request.with("Host", "");
            default ->
                request.with(
                        "Host",
                        Hostile.pick(
                                r,
                                List.of(
                                        "a b",
                                        "[::1",
                                        "127.0.0.1:99999",
                                        "x".repeat(5000),
                                        WireRequest.utf8Bytes("\u00e9vil.example"),
                                        hostHeader + "\u0000",
                                        hostHeader + ", evil.example",
                                        "user@" + hostHeader,
                                        "<x>&\"'",
                                        "127.0.0.1:" + "9".repeat(30),
                                        hostHeader + "/path")));
        };
        return new Built(base.operation(), request.render(), fresh(Expect.RESPONSE));
    }

    private Built teCl(SplittableRandom r) {
        Base base = bodied(r);
        WireRequest request = base.request();
        byte[] body = request.body();
        byte[] chunkedBody = chunk(body, r, "");
        int variant = r.nextInt(6);
        if (variant < 2) {
            // Both framings: RFC 9112 lets a server reject the request or take the chunked one, and then it must
            // close the connection after answering, since an intermediary may have read the other one.
            WireRequest both = variant == 0
                    ? request.adding("Transfer-Encoding", "chunked")
                    : request.without("Content-Length")
                            .adding("Transfer-Encoding", "chunked")
                            .adding("Content-Length", Integer.toString(body.length));
            return new Built(
                    base.operation(),
                    withRawBody(both, chunkedBody),
                    fresh(Expect.RESPONSE_OR_CLOSE).withCloseExpected());
        }
        if (variant == 2) {
            WireRequest twice = request.adding("Content-Length", Integer.toString(body.length + 1 + r.nextInt(10)));
            return new Built(base.operation(), twice.render(), halfClose());
        }
        if (variant == 3) {
            WireRequest same = r.nextBoolean()
                    ? request.adding("Content-Length", Integer.toString(body.length))
                    : request.with("Content-Length", body.length + ", " + body.length);
            return new Built(base.operation(), same.render(), fresh(Expect.RESPONSE_OR_CLOSE));
        }
        if (variant == 4) {
            String length = Hostile.pick(
                    r,
                    List.of(
                            "-1",
                            "abc",
                            "99999999999999999999",
                            "+" + body.length,
                            " " + body.length + " ",
                            "0x10",
                            body.length + ", " + (body.length + 1),
                            "",
                            "1e3",
                            "\uFF11"));
            return new Built(
                    base.operation(),
                    request.with("Content-Length", WireRequest.utf8Bytes(length))
                            .render(),
                    halfClose());
        }
        String coding = Hostile.pick(
                r,
                List.of(
                        "gzip",
                        "chunked, chunked",
                        "xchunked",
                        "Chunked",
                        "chunked;q=1",
                        " chunked",
                        "identity",
                        "gzip, chunked",
                        "chunked, gzip",
                        "\u00e7hunked"));
        WireRequest odd = request.without("Content-Length").with("Transfer-Encoding", WireRequest.utf8Bytes(coding));
        if (r.nextInt(4) == 0) {
            odd = odd.withVersion("HTTP/1.0").with("Transfer-Encoding", "chunked");
        }
        return new Built(base.operation(), withRawBody(odd, chunkedBody), halfClose());
    }

    private Built chunked(SplittableRandom r) {
        Base base = bodied(r);
        WireRequest request = base.request().without("Content-Length").with("Transfer-Encoding", "chunked");
        byte[] body = base.request().body();
        int variant = r.nextInt(10);
        return switch (variant) {
            case 0 -> new Built(base.operation(), withRawBody(request, chunk(body, r, "")), fresh(Expect.RESPONSE));
            case 1 ->
                new Built(base.operation(), withRawBody(request, chunk(body, r, ";ext=1;b")), fresh(Expect.RESPONSE));
            case 2 ->
                new Built(
                        base.operation(),
                        withRawBody(request, chunkWithTrailer(body, r, "X-Fuzz-Trailer: v\r\n")),
                        fresh(Expect.RESPONSE));
            case 3 ->
                new Built(
                        base.operation(),
                        withRawBody(
                                request,
                                chunkWithTrailer(
                                        body,
                                        r,
                                        Hostile.pick(
                                                r,
                                                List.of(
                                                        "Content-Length: 5\r\n",
                                                        "NoColon\r\n",
                                                        "Transfer-Encoding: chunked\r\n",
                                                        " folded\r\n")))),
                        halfClose());
            case 4 ->
                new Built(
                        base.operation(),
                        withRawBody(
                                request,
                                ascii(Hostile.pick(
                                                r,
                                                List.of("zz", "-1", "f".repeat(20), " 5", "0x5", "", "5 5", "\u00e9"))
                                        + "\r\nhello\r\n0\r\n\r\n")),
                        halfClose());
            case 5 ->
                new Built(
                        base.operation(),
                        withRawBody(
                                request,
                                ascii(Integer.toHexString(body.length + 10) + "\r\n" + new String(body, ISO_8859_1)
                                        + "\r\n0\r\n\r\n")),
                        halfClose());
            case 6 ->
                new Built(
                        base.operation(),
                        withRawBody(
                                request,
                                ascii(Integer.toHexString(body.length) + ";" + "e".repeat(20_000) + "\r\n"
                                        + new String(body, ISO_8859_1) + "\r\n0\r\n\r\n")),
                        halfClose());
            case 7 ->
                new Built(
                        base.operation(),
                        withRawBody(
                                request,
                                ascii(Integer.toHexString(body.length) + "\r\n" + new String(body, ISO_8859_1)
                                        + (r.nextBoolean() ? "" : "\r\n"))),
                        halfClose());
            case 8 ->
                new Built(
                        base.operation(),
                        withRawBody(
                                request,
                                ascii("000" + Integer.toHexString(body.length) + "\n" + new String(body, ISO_8859_1)
                                        + "\n0\n\n")),
                        halfClose());
            default -> new Built(base.operation(), withRawBody(request, chunkEach(body)), fresh(Expect.RESPONSE));
        };
    }

    private Built expect(SplittableRandom r) {
        Base base = bodied(r);
        WireRequest request = base.request();
        return switch (r.nextInt(4)) {
            case 0 ->
                new Built(
                        base.operation(), request.with("Expect", "100-continue").render(), fresh(Expect.RESPONSE));
            case 1 ->
                new Built(
                        base.operation(),
                        request.with("Expect", "100-continue")
                                .with("Content-Length", Integer.toString(9 * 1024 * 1024))
                                .withBodyBytes(new byte[0])
                                .render(),
                        fresh(Expect.RESPONSE));
            case 2 ->
                new Built(
                        base.operation(),
                        request.with(
                                        "Expect",
                                        Hostile.pick(
                                                r,
                                                List.of(
                                                        "foo",
                                                        "100-Continue",
                                                        "100-continue, foo",
                                                        "",
                                                        "200-ok",
                                                        "100-continue;x=1")))
                                .render(),
                        fresh(Expect.RESPONSE));
            default ->
                new Built(
                        base.operation(),
                        request.withVersion("HTTP/1.0")
                                .with("Expect", "100-continue")
                                .render(),
                        fresh(Expect.RESPONSE));
        };
    }

    private Built oversized(SplittableRandom r) {
        Base base = base(r);
        WireRequest request = base.request();
        return switch (r.nextInt(9)) {
            case 0 ->
                new Built(
                        base.operation(),
                        request.with("X-Fuzz-Big", "v".repeat(OVER_HEADER_LIMIT))
                                .render(),
                        fresh(Expect.RESPONSE));
            case 1 ->
                new Built(base.operation(), manyHeaders(request, 2000, "vvvvv").render(), fresh(Expect.RESPONSE));
            case 2 ->
                new Built(
                        base.operation(),
                        request.withTarget(request.path() + "?pad=" + "p".repeat(OVER_HEADER_LIMIT))
                                .render(),
                        fresh(Expect.RESPONSE));
            case 3 ->
                new Built(
                        base.operation(),
                        signer.sign(request.without("Authorization").with("X-Fuzz-Near", "v".repeat(14 * 1024)))
                                .render(),
                        fresh(Expect.RESPONSE));
            case 4 ->
                new Built(
                        "-",
                        health().withTarget(HEALTH + "?pad=" + "p".repeat(15 * 1024))
                                .render(),
                        fresh(Expect.RESPONSE));
            case 5 ->
                new Built(
                        base.operation(),
                        request.with("Content-Length", Integer.toString(9 * 1024 * 1024))
                                .withBodyBytes(new byte[64 * 1024])
                                .render(),
                        fresh(Expect.RESPONSE));
            case 6 ->
                new Built(
                        base.operation(),
                        request.without("Content-Length")
                                .with("Transfer-Encoding", "chunked")
                                .withBodyBytes(new byte[0])
                                .render(),
                        Plan.fresh(Delivery.STREAM, Expect.RESPONSE_OR_CLOSE).withStream(9L * 1024 * 1024));
            case 7 ->
                new Built(
                        base.operation(),
                        request.with("X-" + "n".repeat(OVER_HEADER_LIMIT), "v").render(),
                        fresh(Expect.RESPONSE));
            default ->
                new Built(base.operation(), manyHeaders(request, 500, "v").render(), fresh(Expect.RESPONSE));
        };
    }

    private Built pipeline(SplittableRandom r) {
        int count = 2 + r.nextInt(9);
        int broken = r.nextInt(5) == 0 ? r.nextInt(count) : -1;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<FuzzCase.Pipelined> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i == broken) {
                WireRequest bad = bodied(r).request().without("Content-Length").with("Transfer-Encoding", "chunked");
                bytes.writeBytes(withRawBody(bad, ascii("zz\r\nx\r\n0\r\n\r\n")));
                expected.add(new FuzzCase.Pipelined("", FuzzCase.Shape.ANY, false));
                continue;
            }
            switch (r.nextInt(4)) {
                case 0 -> {
                    String action = "FuzzPipe" + i;
                    WireRequest get = signer.sign(WireRequest.of(
                            "GET",
                            "/?Action=" + action + "&Version=2012-11-05",
                            List.of(new WireRequest.Header("Host", hostHeader)),
                            new byte[0]));
                    bytes.writeBytes(get.render());
                    expected.add(new FuzzCase.Pipelined(action, FuzzCase.Shape.QUERY, false));
                }
                case 1 -> {
                    bytes.writeBytes(health().render());
                    expected.add(new FuzzCase.Pipelined("\"status\"", FuzzCase.Shape.ANY, false));
                }
                case 2 -> {
                    bytes.writeBytes(health().withMethod("HEAD").render());
                    expected.add(new FuzzCase.Pipelined("", FuzzCase.Shape.ANY, true));
                }
                default -> {
                    bytes.writeBytes(json.valid("GetQueueUrl").render());
                    expected.add(new FuzzCase.Pipelined(mainQueue, FuzzCase.Shape.JSON, false));
                }
            }
        }
        return new Built("-", bytes.toByteArray(), Plan.pipeline(expected));
    }

    private Built halfFinished(SplittableRandom r) {
        Base base = bodied(r);
        byte[] whole = base.request().render();
        int headEnd = Hostile.indexOf(whole, "\r\n\r\n".getBytes(ISO_8859_1));
        int firstLine = Hostile.indexOf(whole, "\r\n".getBytes(ISO_8859_1));
        int cut =
                switch (r.nextInt(3)) {
                    case 0 -> 1 + r.nextInt(Math.max(1, firstLine));
                    case 1 -> firstLine + 2 + r.nextInt(Math.max(1, headEnd - firstLine));
                    default -> headEnd + 4 + r.nextInt(Math.max(1, whole.length - headEnd - 4));
                };
        return new Built(
                base.operation(), java.util.Arrays.copyOf(whole, Math.min(cut, whole.length - 1)), halfClose());
    }

    private Built abrupt(SplittableRandom r) {
        Base base = base(r);
        byte[] whole = base.request().render();
        return switch (r.nextInt(5)) {
            case 0 ->
                new Built(
                        base.operation(),
                        java.util.Arrays.copyOf(whole, 1 + r.nextInt(whole.length - 1)),
                        Plan.fresh(Delivery.RESET, Expect.NOTHING));
            case 1 -> new Built(base.operation(), whole, Plan.fresh(Delivery.RESET, Expect.NOTHING));
            case 2 -> new Built(base.operation(), whole, Plan.fresh(Delivery.CLOSE, Expect.NOTHING));
            case 3 -> new Built("-", new byte[0], Plan.fresh(Delivery.CLOSE, Expect.NOTHING));
            default ->
                new Built(
                        base.operation(),
                        java.util.Arrays.copyOf(whole, 1 + r.nextInt(whole.length - 1)),
                        Plan.fresh(Delivery.CLOSE, Expect.NOTHING));
        };
    }

    private Built lineEndings(SplittableRandom r) {
        Base base = base(r);
        return switch (r.nextInt(4)) {
            case 0 -> new Built(base.operation(), base.request().render("\n"), fresh(Expect.RESPONSE_OR_CLOSE));
            case 1 -> new Built(base.operation(), base.request().render("\r"), halfClose());
            case 2 ->
                new Built(base.operation(), mixedLineEnds(base.request().render(), r), fresh(Expect.RESPONSE_OR_CLOSE));
            default -> new Built(base.operation(), base.request().render("\n\r"), halfClose());
        };
    }

    private Built headerSyntax(SplittableRandom r) {
        Base base = base(r);
        byte[] whole = base.request().render();
        int firstLine = Hostile.indexOf(whole, "\r\n".getBytes(ISO_8859_1)) + 2;
        String line = Hostile.pick(
                r,
                List.of(
                        "FuzzNoColon\r\n",
                        "X-Fuzz : v\r\n",
                        "X-Fuzz: a\r\n folded\r\n",
                        "X-Fuzz: a\u0000b\r\n",
                        ": empty-name\r\n",
                        WireRequest.utf8Bytes("\u00dcnicode: v\r\n"),
                        "X\tFuzz: v\r\n",
                        "a:b: c\r\n",
                        " leading-space: v\r\n",
                        "X-Fuzz: a\rb\r\n",
                        "X-Fuzz:\r\n",
                        "X-Fuzz:" + " ".repeat(5000) + "\r\n",
                        "(X-Fuzz): v\r\n",
                        "X-Fuzz: " + WireRequest.bytes(Hostile.pick(r, Hostile.INVALID_UTF8)) + "\r\n",
                        "X-Fuzz: v\r\n".repeat(100)));
        // Placed first among the headers, or just before the blank line that ends the head.
        int at = r.nextBoolean() ? firstLine : Hostile.indexOf(whole, "\r\n\r\n".getBytes(ISO_8859_1)) + 2;
        return new Built(
                base.operation(), insert(whole, at, line.getBytes(ISO_8859_1)), fresh(Expect.RESPONSE_OR_CLOSE));
    }

    private Built version(SplittableRandom r) {
        Base base = base(r);
        String version = Hostile.pick(
                r,
                List.of(
                        "HTTP/1.0",
                        "HTTP/1.2",
                        "HTTP/2.0",
                        "HTTP/9.9",
                        "HTP/1.1",
                        "http/1.1",
                        "HTTP/1.1 extra",
                        "",
                        "HTTP/1",
                        "HTTP/01.1",
                        "HTTP/1.1\u0000",
                        "HTTP/3"));
        WireRequest request = base.request().withVersion(version);
        if (version.equals("HTTP/1.0")) {
            return new Built(base.operation(), request.render(), fresh(Expect.RESPONSE));
        }
        return new Built(
                base.operation(), request.render(), version.isEmpty() ? halfClose() : fresh(Expect.RESPONSE_OR_CLOSE));
    }

    private Built foreign(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            // The HTTP/2 preface is no longer foreign: the plain port answers it in HTTP/2 (SETTINGS), which an
            // HTTP/1.1
            // reading of the answer cannot judge, so the case checks only that the server lives on; Http2IT and
            // HttpTransportTest check what it answers.
            case 0 ->
                new Built(
                        "-",
                        concat(ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), Hostile.bytes(0, 0, 0, 4, 0, 0, 0, 0, 0)),
                        Plan.fresh(Delivery.HALF_CLOSE, Expect.NOTHING));
            case 1 -> new Built("-", tlsClientHello(), halfClose());
            case 2 -> new Built("-", ascii("SSH-2.0-OpenSSH_9.6\r\n"), halfClose());
            case 3 ->
                new Built(
                        "-",
                        concat(ascii("PROXY TCP4 127.0.0.1 127.0.0.1 1 2\r\n"), health().render()),
                        fresh(Expect.RESPONSE_OR_CLOSE));
            default ->
                new Built(
                        "-",
                        health().with("Connection", "Upgrade")
                                .with("Upgrade", "websocket")
                                .with("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                                .with("Sec-WebSocket-Version", "13")
                                .render(),
                        fresh(Expect.RESPONSE));
        };
    }

    private Built garbage(SplittableRandom r) {
        byte[] noise = new byte[1 + r.nextInt(4096)];
        boolean printable = r.nextBoolean();
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (printable ? 0x20 + r.nextInt(0x5F) : r.nextInt(256));
        }
        if (printable && r.nextBoolean()) {
            for (int i = 80; i < noise.length; i += 81) {
                noise[i] = '\n';
            }
        }
        return new Built("-", noise, halfClose());
    }

    private Built target(SplittableRandom r) {
        Base base = base(r);
        String target = Hostile.pick(
                r,
                List.of(
                        "http://" + hostHeader + base.request().target(),
                        "*",
                        "",
                        "//",
                        "/..%2f..%2f",
                        "/%00",
                        "/?",
                        "/#frag",
                        "/a b",
                        WireRequest.utf8Bytes("/\u00e9"),
                        HEALTH + "/../health",
                        "/_WHARF/HEALTH",
                        HEALTH + "?x=%ZZ",
                        "/" + "a".repeat(15_000),
                        "/\u0001",
                        "?Action=ListQueues",
                        HEALTH + "%00",
                        "/%2e%2e/%2e%2e/etc/passwd",
                        "\\"));
        return new Built(base.operation(), base.request().withTarget(target).render(), fresh(Expect.RESPONSE_OR_CLOSE));
    }

    private Built leadingCrlf(SplittableRandom r) {
        Base base = base(r);
        String prefix = Hostile.pick(r, List.of("\r\n", "\r\n\r\n", "\n", "\r\n".repeat(100)));
        return new Built(
                base.operation(), concat(ascii(prefix), base.request().render()), fresh(Expect.RESPONSE_OR_CLOSE));
    }

    private Built splitWrites(SplittableRandom r) {
        Base base = base(r);
        return new Built(base.operation(), base.request().render(), Plan.fresh(Delivery.SPLIT, Expect.RESPONSE));
    }

    private Built connection(SplittableRandom r) {
        Base base = base(r);
        WireRequest request = base.request();
        return switch (r.nextInt(5)) {
            case 0 ->
                new Built(
                        base.operation(),
                        request.with("Connection", "close").render(),
                        fresh(Expect.RESPONSE).withCloseExpected());
            case 1 ->
                new Built(
                        base.operation(),
                        request.with("Connection", "keep-alive, close").render(),
                        fresh(Expect.RESPONSE));
            case 2 ->
                new Built(
                        base.operation(),
                        request.with("Connection", "Upgrade, HTTP2-Settings")
                                .with("Upgrade", "h2c")
                                .with("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA")
                                .render(),
                        fresh(Expect.RESPONSE));
            case 3 ->
                new Built(base.operation(), request.with("Connection", "foo").render(), fresh(Expect.RESPONSE));
            default ->
                new Built(
                        base.operation(),
                        request.with("Connection", "X-Amz-Date, Authorization").render(),
                        fresh(Expect.RESPONSE));
        };
    }

    private static WireRequest manyHeaders(WireRequest request, int count, String value) {
        List<WireRequest.Header> headers = new ArrayList<>(request.headers());
        for (int i = 0; i < count; i++) {
            headers.add(new WireRequest.Header("X-F" + i, value));
        }
        return request.withHeaders(headers);
    }

    /** The request's head with {@code body} after it as it is (framing headers already set). */
    private static byte[] withRawBody(WireRequest request, byte[] body) {
        return request.withBodyBytes(body).render();
    }

    /** The body in chunks of random sizes, each size line followed by {@code extension}. */
    private static byte[] chunk(byte[] body, SplittableRandom r, String extension) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        int at = 0;
        while (at < body.length) {
            int size = Math.min(body.length - at, 1 + r.nextInt(Math.max(1, body.length)));
            out.writeBytes(ascii(Integer.toHexString(size) + extension + "\r\n"));
            out.write(body, at, size);
            out.writeBytes(ascii("\r\n"));
            at += size;
        }
        out.writeBytes(ascii("0" + extension + "\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] chunkWithTrailer(byte[] body, SplittableRandom r, String trailer) {
        byte[] chunks = chunk(body, r, "");
        // Replaces the final blank line with the trailer and a blank line.
        byte[] head = java.util.Arrays.copyOf(chunks, chunks.length - 2);
        return concat(head, ascii(trailer + "\r\n"));
    }

    private static byte[] chunkEach(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 6 + 8);
        for (byte b : body) {
            out.writeBytes(ascii("1\r\n"));
            out.write(b);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] mixedLineEnds(byte[] whole, SplittableRandom r) {
        String text = new String(whole, ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = text.substring(0, headEnd);
        StringBuilder out = new StringBuilder(text.length());
        for (String line : head.split("\r\n", -1)) {
            out.append(line).append(r.nextBoolean() ? "\r\n" : "\n");
        }
        out.append("\r\n").append(text.substring(headEnd + 4));
        return out.toString().getBytes(ISO_8859_1);
    }

    /** A minimal TLS 1.2 ClientHello record, as a client that assumed HTTPS would send first. */
    private static byte[] tlsClientHello() {
        return Hostile.bytes(
                0x16, 0x03, 0x01, 0x00, 0x2f, 0x01, 0x00, 0x00, 0x2b, 0x03, 0x03, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 0x00, 0x00, 0x02, 0x00,
                0x2f, 0x01, 0x00);
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] ascii(String text) {
        return text.getBytes(ISO_8859_1);
    }
}

package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.wharf.common.LogText;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.sigv4.SigV4Verifier;
import dev.wharf.protocol.sigv4.StaticCredentialStore;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.sqs.http.SqsBinding;
import dev.wharf.storage.MemoryStorageEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.w3c.dom.Document;

/**
 * Coverage-guided fuzz test of everything behind the transport: routing, the signature check, both codecs, SQS's
 * binding and its engine over the memory store; and Smithy RPC v2 CBOR with a service that echoes its input. Whatever a request holds, its answer is never a 5xx and is a
 * well-formed error or result of the request's protocol, with no trace of a Java exception.
 *
 * <p>The first input byte picks the protocol and the rest is the body (a JSON document, or a form whose part before
 * a NUL byte is the query string). Requests are signed well enough for a server without credentials, which accepts any
 * well-formed signature, so the fuzzer's bytes reach the codecs and the engine.
 */
class ServiceRouterFuzzTest {

    private static final String DATE = "20250101T120000Z";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/sqs/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JAVA_TRACE = Pattern.compile(
            "\\bat [a-z][\\w$]*(?:\\.[\\w$]+)+\\(|\\b[a-z][\\w$]*(?:\\.[a-z][\\w$]*)*\\.[A-Z][\\w$]*(?:Exception|Error)\\b");
    private static final String ENDPOINT = "http://localhost:4566";
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();
    private static final SqsBinding SQS = binding();
    private static final List<String> OPERATIONS =
            List.copyOf(SQS.model().operations().keySet());
    private static final String RPC_V2_AUTHORIZATION = AUTHORIZATION.replace("/sqs/", "/echo/");
    private static final CBORMapper CBOR = CBORMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ServiceRouter ROUTER = new ServiceRouter(
            List.of(SQS, new EchoRpcV2Binding()),
            new SigV4Verifier(
                    new StaticCredentialStore(List.of()),
                    Clock.fixed(
                            Instant.from(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")
                                    .parse(DATE)),
                            ZoneOffset.UTC)));

    private static SqsBinding binding() {
        SqsEngine engine = new SqsEngine(new MemoryStorageEngine().queues(), Clock.systemUTC(), "us-east-1");
        SqsContext context = new SqsContext("000000000000", ENDPOINT);
        engine.createQueue(context, new CreateQueueRequest("orders", null, null));
        engine.createQueue(context, new CreateQueueRequest("orders.fifo", Map.of("FifoQueue", "true"), null));
        engine.createQueue(context, new CreateQueueRequest("dlq", null, null));
        return new SqsBinding(engine);
    }

    @AfterAll
    static void stopThreads() {
        THREADS.shutdownNow();
    }

    @FuzzTest(maxDuration = "20s")
    void everyRequestIsAnsweredInItsProtocolWithoutAServerError(byte[] input) throws Exception {
        int selector = input.length == 0 ? 0 : input[0] & 0xFF;
        byte[] body = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        boolean json = (selector & 1) == 0;
        ServiceRouter.HttpRequest request = json ? jsonRequest(selector, body) : queryRequest(body);
        WireResponse response = route(request);
        assertThat(response.status()).as("status").isLessThan(500);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String echo = echoable(request);
        assertNoJavaTrace(text, echo);
        if (json) {
            JsonNode document = JSON.readTree(response.body());
            assertNoJavaTrace(document.path("message").asText(), echo);
            assertThat(document.isObject()).isTrue();
            if (response.status() >= 400) {
                assertThat(document.path("__type").asText()).isNotEmpty();
                assertThat(document.path("message").isTextual()).isTrue();
            }
        } else {
            Document xml = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(response.body()));
            assertNoJavaTrace(xml.getDocumentElement().getTextContent(), echo);
            if (response.status() >= 400) {
                assertThat(xml.getDocumentElement().getTagName()).isEqualTo("ErrorResponse");
                assertThat(xml.getElementsByTagName("Code").item(0).getTextContent())
                        .isNotEmpty();
                assertThat(xml.getElementsByTagName("RequestId").getLength()).isEqualTo(1);
            }
        }
    }

    /**
     * Smithy RPC v2 CBOR: the first input byte picks the operation (Echo or Ping, its lowest bit) and the headers (the
     * next two: the CBOR content type, none, JSON's, or an X-Amz-Target beside CBOR's); the rest is the body. The
     * answer is one CBOR map with the protocol's headers, never a 5xx, and an error has its {@code __type} and message.
     */
    @FuzzTest(maxDuration = "20s")
    void everyRpcV2RequestIsAnsweredInCborWithoutAServerError(byte[] input) throws Exception {
        int selector = input.length == 0 ? 0 : input[0] & 0xFF;
        byte[] body = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        Map<String, List<String>> headers = new java.util.HashMap<>(Map.of(
                "host", List.of("localhost:4566"),
                "x-amz-date", List.of(DATE),
                "authorization", List.of(RPC_V2_AUTHORIZATION),
                "smithy-protocol", List.of("rpc-v2-cbor")));
        switch ((selector >> 1) & 3) {
            case 0 -> headers.put("content-type", List.of("application/cbor"));
            case 1 -> {
                // No content type, which is read as CBOR.
            }
            case 2 -> headers.put("content-type", List.of("application/x-amz-json-1.0"));
            default -> {
                headers.put("content-type", List.of("application/cbor"));
                headers.put("x-amz-target", List.of("EchoService.Echo"));
            }
        }
        String operation = (selector & 1) == 0 ? "Echo" : "Ping";
        ServiceRouter.HttpRequest request = new ServiceRouter.HttpRequest(
                "POST",
                "/service/" + EchoRpcV2Binding.SERVICE + "/operation/" + operation,
                "",
                headers,
                body,
                ENDPOINT,
                "fuzz");
        WireResponse response = route(request);
        assertThat(response.status()).as("status").isLessThan(500);
        assertThat(response.contentType()).isEqualTo("application/cbor");
        assertThat(response.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor");
        JsonNode document = CBOR.readTree(response.body());
        assertThat(document.isObject()).isTrue();
        if (response.status() >= 400) {
            assertThat(document.path("__type").asText()).isNotEmpty();
            assertThat(document.path("message").isTextual()).isTrue();
            assertNoJavaTrace(document.path("message").asText(), cborEchoable(body));
        }
    }

    /** The texts of a CBOR body as an error could quote them: raw, and its strings as decoded and as LogText writes. */
    private static String cborEchoable(byte[] body) {
        StringBuilder text = new StringBuilder(new String(body, StandardCharsets.UTF_8)).append('\n');
        try {
            collectText(CBOR.readTree(body), text);
        } catch (java.io.IOException | RuntimeException e) {
            // Not one CBOR item; the raw text stands.
        }
        return text.toString();
    }

    /**
     * Fails on a trace of a Java exception in an answer: a stack frame, or a qualified exception class name such as
     * {@code java.lang.NullPointerException}. AWS's own texts name Java classes too ("class java.lang.String can not be
     * converted to an Integer"), so a bare package name is no trace; and an error may quote the request's own value, so
     * a trace the request itself carried (decoded as the codecs decode it) is an echo, not a leak.
     */
    private static void assertNoJavaTrace(String answer, String request) {
        Matcher trace = JAVA_TRACE.matcher(answer);
        while (trace.find()) {
            assertThat(request).as("Java trace in the answer: %s", answer).contains(trace.group());
        }
    }

    /** The request's text as an error could quote it: raw, percent-decoded, and with JSON strings unescaped. */
    private static String echoable(ServiceRouter.HttpRequest request) {
        byte[] body = request.body();
        String raw = request.rawQuery() + "\n" + new String(body, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder(raw).append('\n');
        try {
            String decoded = java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
            // Errors quote the caller's text as LogText writes it, control characters escaped.
            text.append(decoded)
                    .append('\n')
                    .append(LogText.bounded(decoded, Integer.MAX_VALUE))
                    .append('\n');
        } catch (IllegalArgumentException e) {
            // Not a well-formed form; the raw text stands.
        }
        try {
            JSON.readTree(body).forEach(value -> collectText(value, text));
        } catch (java.io.IOException | RuntimeException e) {
            // Not a JSON document; the raw text stands.
        }
        return text.toString();
    }

    private static void collectText(JsonNode node, StringBuilder text) {
        if (node.isContainerNode()) {
            node.forEach(child -> collectText(child, text));
            node.fieldNames().forEachRemaining(name -> text.append(name)
                    .append('\n')
                    .append(LogText.bounded(name, Integer.MAX_VALUE))
                    .append('\n'));
        } else {
            text.append(node.asText()).append('\n');
            text.append(LogText.bounded(node.asText(), Integer.MAX_VALUE)).append('\n');
        }
    }

    /** Routes on a virtual thread; a long poll the fuzzer asked for is cut short as a stopping server cuts it. */
    private static WireResponse route(ServiceRouter.HttpRequest request) throws Exception {
        Future<WireResponse> answer = THREADS.submit(() -> ROUTER.route(request));
        try {
            return answer.get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return THREADS.submit(() -> ROUTER.route(withoutWait(request))).get(5, TimeUnit.SECONDS);
        }
    }

    private static ServiceRouter.HttpRequest withoutWait(ServiceRouter.HttpRequest request) {
        String body = new String(request.body(), StandardCharsets.UTF_8)
                .replaceAll("\"WaitTimeSeconds\"\\s*:\\s*-?[0-9]+", "\"WaitTimeSeconds\":0")
                .replaceAll("WaitTimeSeconds=[^&]*", "WaitTimeSeconds=0");
        return new ServiceRouter.HttpRequest(
                request.method(),
                request.rawPath(),
                request.rawQuery().replaceAll("WaitTimeSeconds=[^&]*", "WaitTimeSeconds=0"),
                request.headers(),
                body.getBytes(StandardCharsets.UTF_8),
                request.endpoint(),
                request.requestId());
    }

    private static ServiceRouter.HttpRequest jsonRequest(int selector, byte[] body) {
        String operation = OPERATIONS.get((selector >> 1) % OPERATIONS.size());
        Map<String, List<String>> headers = Map.of(
                "host", List.of("localhost:4566"),
                "x-amz-date", List.of(DATE),
                "authorization", List.of(AUTHORIZATION),
                "x-amz-target", List.of("AmazonSQS." + operation),
                "content-type", List.of("application/x-amz-json-1.0"));
        return new ServiceRouter.HttpRequest("POST", "/", "", headers, body, ENDPOINT, "fuzz");
    }

    private static ServiceRouter.HttpRequest queryRequest(byte[] body) {
        int split = -1;
        for (int i = 0; i < body.length && split < 0; i++) {
            split = body[i] == 0 ? i : -1;
        }
        String rawQuery = split < 0 ? "" : new String(body, 0, split, StandardCharsets.ISO_8859_1);
        Map<String, List<String>> headers = Map.of(
                "host", List.of("localhost:4566"),
                "x-amz-date", List.of(DATE),
                "authorization", List.of(AUTHORIZATION),
                "content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        return new ServiceRouter.HttpRequest(
                "POST", "/", rawQuery, headers, Arrays.copyOfRange(body, split + 1, body.length), ENDPOINT, "fuzz");
    }
}

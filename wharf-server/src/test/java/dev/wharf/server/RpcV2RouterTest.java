package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.sigv4.Credential;
import dev.wharf.protocol.sigv4.SigV4Verifier;
import dev.wharf.protocol.sigv4.StaticCredentialStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Smithy RPC v2 CBOR through the HTTP/1.1 pipeline and the router: requests signed by the SDK's SigV4 signer reach a
 * small service that speaks only that protocol, and every answer, the router's and the transport's errors too, is in
 * the protocol's shape.
 */
class RpcV2RouterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ACCOUNT = "123456789012";
    private static final String PATH = "/service/" + EchoRpcV2Binding.SERVICE + "/operation/";
    private static final CBORMapper CBOR = CBORMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final HexFormat HEX = HexFormat.of();

    /** {"Text": "hi", "At": 1(1796128496.789), "Values": [1.5, NaN], "Data": h'00ff', "Tags": {"k": "v"}} */
    private static final String ECHO = "bf" + "6454657874" + "626869" + "624174" + "c1" + "fb41dac3afbc327efa"
            + "6656616c756573" + "82" + "f93e00" + "f97e00" + "6444617461" + "4200ff" + "6454616773" + "a1" + "616b"
            + "6176" + "ff";

    private final EchoRpcV2Binding echo = new EchoRpcV2Binding();
    private final ServiceRouter router = new ServiceRouter(
            List.of(echo),
            new SigV4Verifier(
                    new StaticCredentialStore(List.of(new Credential("AKIDEXAMPLE", "secret", ACCOUNT))), CLOCK));
    private final PendingBytes pendingBytes =
            new PendingBytes(Http1Connection.limits().maxPendingRequestBytes());

    /** A request as the SDK sends it, signed for the service's signing name; {@code extra} adds or replaces headers. */
    private static String signed(String operation, byte[] body, Map<String, String> extra) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://localhost" + PATH + operation))
                .putHeader("smithy-protocol", "rpc-v2-cbor")
                .putHeader("Accept", "application/cbor");
        if (body.length > 0) {
            request.putHeader("Content-Type", "application/cbor");
        }
        extra.forEach(request::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret"))
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "echo")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, CLOCK))
                .request();
        StringBuilder http = new StringBuilder("POST " + signed.encodedPath() + " HTTP/1.1\r\n");
        signed.forEachHeader((name, values) -> values.forEach(
                value -> http.append(name).append(": ").append(value).append("\r\n")));
        return http.append("Content-Length: ")
                .append(body.length)
                .append("\r\n\r\n")
                .append(new String(body, StandardCharsets.ISO_8859_1))
                .toString();
    }

    private static String signed(String operation, String hexBody) {
        return signed(operation, HEX.parseHex(hexBody), Map.of());
    }

    /** One answer as the client reads it. */
    private record Answer(String head, byte[] body) {

        static Answer of(String written) {
            int end = written.indexOf("\r\n\r\n");
            return new Answer(
                    written.substring(0, end), written.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1));
        }

        int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ": ")) {
                    return line.substring(name.length() + 2);
                }
            }
            return "";
        }

        JsonNode document() throws java.io.IOException {
            return CBOR.readTree(body);
        }
    }

    private Answer exchange(String request) {
        Http1Connection connection = Http1Connection.answering(Http1Connection.limits(), pendingBytes, router::route);
        connection.send(request).runAll();
        return Answer.of(connection.written());
    }

    @Test
    void signedRequestIsVerifiedDecodedRunAndAnsweredInCbor() throws Exception {
        Answer answer = exchange(signed("Echo", ECHO));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("content-type")).isEqualTo("application/cbor");
        assertThat(answer.header("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(answer.header("x-amzn-RequestId")).hasSize(36);
        // {"Text": "hi", "At": 1(1796128496.789), "Values": [1.5, NaN], "Data": h'00ff', "Tags": {"k": "v"}}
        assertThat(HEX.formatHex(answer.body()))
                .isEqualTo("a5" + "6454657874" + "626869" + "624174" + "c1" + "fb41dac3afbc327efa"
                        + "6656616c756573" + "82" + "fb3ff8000000000000" + "fb7ff8000000000000" + "6444617461"
                        + "4200ff" + "6454616773" + "a1" + "616b" + "6176");
        assertThat(echo.contexts).hasSize(1);
        assertThat(echo.contexts.get(0).protocol()).isEqualTo(Protocol.SMITHY_RPC_V2_CBOR);
        assertThat(echo.contexts.get(0).caller().accountId()).isEqualTo(ACCOUNT);
        assertThat(echo.contexts.get(0).path()).isEqualTo(PATH + "Echo");
    }

    @Test
    void operationWithoutInputOrOutputTakesNoBodyAndAnswersAnEmptyMap() {
        Answer answer = exchange(signed("Ping", new byte[0], Map.of()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("content-type")).isEqualTo("application/cbor");
        assertThat(HEX.formatHex(answer.body())).isEqualTo("a0");
    }

    @Test
    void serviceNamedWithItsNamespaceIsRoutedAsByItsName() {
        String request = signed("Ping", new byte[0], Map.of())
                .replace(PATH, "/v1/service/com.example.echo." + EchoRpcV2Binding.SERVICE + "/operation/");
        // The path is signed too: the answer is the signature's error, in the protocol's shape, so it was routed.
        Answer answer = exchange(request);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("smithy-protocol")).isEqualTo("rpc-v2-cbor");
    }

    @Test
    void bindingErrorIsCborWithItsStatusTypeMessageAndQueryCode() throws Exception {
        Answer answer = exchange(signed("Echo", "a1" + "6454657874" + "646661696c"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).isEqualTo("application/cbor");
        assertThat(answer.header("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(answer.header("x-amzn-query-error")).isEqualTo("InvalidParameterValue;Sender");
        assertThat(answer.document().path("__type").asText()).isEqualTo("InvalidParameterValue");
        assertThat(answer.document().path("message").asText()).isEqualTo("The text fail is not echoed.");
    }

    @Test
    void badSignatureAndBadBodyAreCborErrorsOfTheirCodes() throws Exception {
        String request = signed("Echo", ECHO);
        Answer forged = exchange(request.replace("bhi", "bhx"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.document().path("__type").asText()).isEqualTo("SignatureDoesNotMatch");
        assertThat(forged.header("x-amzn-query-error")).isEqualTo("SignatureDoesNotMatch;Sender");

        Answer malformed = exchange(signed("Echo", "a1" + "65436f756e74" + "6131"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.document().path("__type").asText()).isEqualTo("SerializationException");
        assertThat(malformed.document().path("message").asText())
                .isEqualTo("class java.lang.String can not be converted to an Integer");
        assertThat(echo.contexts).isEmpty();
    }

    @Test
    void unknownOperationOrServiceIs404UnknownOperationExceptionInCbor() throws Exception {
        for (String path : List.of(PATH + "Nope", "/service/Other/operation/Ping")) {
            String request = signed("Ping", new byte[0], Map.of()).replace(PATH + "Ping", path);
            Answer answer = exchange(request);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.header("content-type")).isEqualTo("application/cbor");
            assertThat(answer.header("smithy-protocol")).isEqualTo("rpc-v2-cbor");
            assertThat(answer.document().path("__type").asText()).isEqualTo("UnknownOperationException");
        }
        assertThat(exchange(signed("Ping", new byte[0], Map.of()).replace(PATH + "Ping", PATH + "Nope"))
                        .document()
                        .path("message")
                        .asText())
                .isEqualTo("Operation Nope of service EchoService is not known.");
    }

    @Test
    void anotherContentTypeIs415AndAnXAmzTargetIs404AsSmithyServersAnswerThem() throws Exception {
        Answer json = exchange(signed("Echo", HEX.parseHex(ECHO), Map.of("Content-Type", "application/json")));
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.document().path("__type").asText()).isEqualTo("UnsupportedMediaTypeException");
        assertThat(json.header("x-amzn-query-error")).isEqualTo("UnsupportedMediaTypeException;Sender");

        Answer targeted = exchange(signed("Echo", HEX.parseHex(ECHO), Map.of("X-Amz-Target", "EchoService.Echo")));
        assertThat(targeted.status()).isEqualTo(404);
        assertThat(targeted.document().path("message").asText())
                .isEqualTo("A Smithy RPC v2 request must not name an operation in x-amz-target.");
        assertThat(echo.contexts).isEmpty();
    }

    @Test
    void withoutTheProtocolHeaderTheRequestIsNotRpcV2AndGetsTheRoutersFallback() {
        String request = signed("Echo", ECHO).replaceFirst("(?im)^smithy-protocol: rpc-v2-cbor\r\n", "");
        Answer answer = exchange(request);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).isEqualTo("text/xml");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                .contains("<Code>UnknownOperationException</Code>");
        assertThat(echo.contexts).isEmpty();
    }

    @Test
    void transportErrorsOfAnRpcV2RequestAreInItsShape() throws Exception {
        Http1Connection get = Http1Connection.answering(Http1Connection.limits(), pendingBytes, router::route);
        get.send(signed("Ping", new byte[0], Map.of()).replaceFirst("POST", "GET"));
        Answer refused = Answer.of(get.written());
        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.header("Allow")).isEqualTo("POST");
        assertThat(refused.header("content-type")).isEqualTo("application/cbor");
        assertThat(refused.document().path("__type").asText()).isEqualTo("MethodNotAllowed");
        assertThat(get.ran).isEmpty();

        java.util.concurrent.Executor stopped = task -> {
            throw new RejectedExecutionException("stopped");
        };
        Http1Connection stopping = new Http1Connection(Http1Connection.limits(), pendingBytes, stopped);
        stopping.send(signed("Echo", ECHO));
        Answer unavailable = Answer.of(stopping.written());
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(unavailable.document().path("__type").asText()).isEqualTo("ServiceUnavailable");
        assertThat(unavailable.document().path("message").asText()).isEqualTo("Shutting down.");

        WireResponse direct = ServiceRouter.transportError(
                new ServiceRouter.HttpRequest(
                        "POST",
                        PATH + "Echo",
                        "",
                        Map.of("smithy-protocol", List.of("rpc-v2-cbor")),
                        new byte[0],
                        "",
                        "r-1"),
                dev.wharf.common.CommonError.REQUEST_TIMEOUT,
                "Too slow.");
        assertThat(direct.status()).isEqualTo(408);
        assertThat(direct.contentType()).isEqualTo("application/cbor");
        assertThat(CBOR.readTree(direct.body()).path("__type").asText()).isEqualTo("RequestTimeout");
        assertThat(ServiceRouter.allowedMethods(PATH + "Echo", null, "rpc-v2-cbor"))
                .isEqualTo("POST");
        assertThat(ServiceRouter.allowedMethods(PATH + "Echo", null, null)).isEqualTo("GET, POST");
    }
}

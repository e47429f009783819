package dev.wharf.protocol.restjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.BotocoreModelReader;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.rest.RestMatch;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Amazon MQ's REST-JSON against botocore: every request of {@code mq-golden.json} is what botocore serializes for its
 * params, and every response is one that botocore's own parser reads back into its result ({@code mq_golden.py} checks
 * that when it writes the file). The codec must route each request to its operation, decode it into the params, and
 * encode the result into that response.
 */
class RestJsonCodecMqGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceModel MQ =
            BotocoreModelReader.load(RestJsonCodecMqGoldenTest.class.getClassLoader(), "restjson/mq-2017-11-27.json");
    private static final RestJsonCodec CODEC = new RestJsonCodec(
            MQ,
            (name, text, expected) -> new AwsException(Error.BAD_REQUEST, name + " is not " + expected),
            message -> new AwsException(Error.BAD_REQUEST, message));
    private static final JsonNode GOLDEN = golden();

    /** A stand-in for a service's catalogue. */
    private enum Error implements AwsErrorCode {
        BAD_REQUEST("BadRequestException", 400),
        NOT_FOUND("NotFoundException", 404);

        private final String shape;
        private final int status;

        Error(String shape, int status) {
            this.shape = shape;
            this.status = status;
        }

        @Override
        public String shapeName() {
            return shape;
        }

        @Override
        public String queryCode() {
            return shape;
        }

        @Override
        public String jsonNamespace() {
            return "";
        }

        @Override
        public int httpStatus() {
            return status;
        }

        @Override
        public boolean senderFault() {
            return status < 500;
        }
    }

    private static JsonNode golden() {
        try (InputStream in = Objects.requireNonNull(
                RestJsonCodecMqGoldenTest.class.getClassLoader().getResourceAsStream("restjson/mq-golden.json"))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> operations() {
        List<String> names = new ArrayList<>();
        GOLDEN.path("cases").forEach(c -> names.add(c.path("operation").asText()));
        return names.stream();
    }

    private static JsonNode golden(String operation) {
        for (JsonNode c : GOLDEN.path("cases")) {
            if (c.path("operation").asText().equals(operation)) {
                return c;
            }
        }
        throw new IllegalArgumentException(operation);
    }

    private static Map<String, List<String>> headers(JsonNode request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        request.path("headers")
                .properties()
                .forEach(h -> out.put(
                        h.getKey().toLowerCase(Locale.ROOT),
                        List.of(h.getValue().asText())));
        return out;
    }

    @Test
    void theGoldenFileCoversEveryOperationOfTheModel() {
        assertThat(operations())
                .containsExactlyInAnyOrderElementsOf(MQ.operations().keySet());
    }

    @ParameterizedTest
    @MethodSource("operations")
    void botocoresRequestRoutesToItsOperationAndDecodesIntoItsParams(String operation) {
        JsonNode request = golden(operation).path("request");
        URI url = URI.create(request.path("url").asText());
        Map<String, List<String>> headers = headers(request);
        RestMatch match = CODEC.match(request.path("method").asText(), url.getRawPath(), url.getRawQuery(), headers);
        assertThat(match).as("a route for %s", url).isNotNull();
        assertThat(Objects.requireNonNull(match).operation().name()).isEqualTo(operation);

        ObjectNode input = CODEC.decode(
                match, url.getRawQuery(), headers, request.path("body").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(input).isEqualTo(golden(operation).path("params"));
    }

    @ParameterizedTest
    @MethodSource("operations")
    void aResultEncodesIntoTheResponseBotocoreReads(String operation) throws IOException {
        JsonNode c = golden(operation);
        WireResponse response =
                CODEC.encode(Objects.requireNonNull(MQ.operations().get(operation)), c.path("result"));
        assertThat(response.status())
                .isEqualTo(c.path("response").path("status").asInt());
        String expected = c.path("response").path("body").asText();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (expected.isEmpty() || response.status() == 204) {
            assertThat(body).isEmpty();
        } else {
            assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree(expected));
            assertThat(response.contentType()).isEqualTo("application/json");
        }
    }

    @Test
    void anErrorCarriesItsCodeInTheHeaderAndItsMembersInTheBody() throws IOException {
        JsonNode error = GOLDEN.path("error");
        ObjectNode members = JSON.createObjectNode().put("errorAttribute", "broker-id");
        WireResponse response =
                RestJsonCodec.encodeError(Error.NOT_FOUND, "Can't find requested broker [b-9].", members);
        assertThat(response.status()).isEqualTo(error.path("status").asInt());
        assertThat(response.headers())
                .containsEntry("x-amzn-ErrorType", error.path("code").asText());
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.readTree(error.path("body").asText()));
    }

    @Test
    void aPathOfNoOperationOrAnotherMethodMatchesNothing() {
        assertThat(CODEC.match("GET", "/v1/queues", null, Map.of())).isNull();
        assertThat(CODEC.match("PATCH", "/v1/brokers/b-1", null, Map.of())).isNull();
        assertThat(CODEC.match("GET", "/v1/brokers/b-1/users/u/extra", null, Map.of()))
                .isNull();
        assertThat(CODEC.routes("GET", "/v1/brokers")).isTrue();
        assertThat(CODEC.routes("GET", "/v1")).isFalse();
    }

    @Test
    void aBodyThatIsNotJsonOrNotItsTypesIsTheServicesError() {
        RestMatch create = Objects.requireNonNull(CODEC.match("POST", "/v1/brokers", null, Map.of()));
        assertThatThrownBy(() -> CODEC.decode(create, null, Map.of(), "{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo(Error.BAD_REQUEST));
        assertThatThrownBy(() -> CODEC.decode(
                        create, null, Map.of(), "{\"publiclyAccessible\": {}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo(Error.BAD_REQUEST));
        // A member named as the model names it, not by its JSON name, is not a member on the wire.
        assertThat(CODEC.decode(create, null, Map.of(), "{\"BrokerName\": \"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void aQueryValueThatIsNotItsTypeIsTheServicesError() {
        String query = "maxResults=many";
        RestMatch list = Objects.requireNonNull(CODEC.match("GET", "/v1/brokers", query, Map.of()));
        assertThatThrownBy(() -> CODEC.decode(list, query, Map.of(), new byte[0]))
                .isInstanceOf(AwsException.class)
                .hasMessage("maxResults is not an integer or within integer range");
    }
}

package dev.wharf.mq.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.Caller;
import dev.wharf.mq.engine.FakeRuntime;
import dev.wharf.mq.engine.InstanceLaunch;
import dev.wharf.mq.engine.MqEngine;
import dev.wharf.mq.engine.MqSettings;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.rest.RestMatch;
import dev.wharf.protocol.restjson.RestJsonCodec;
import dev.wharf.storage.MemoryStorageEngine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amazon MQ through its binding and the REST-JSON codec, as the router drives them: each operation at its route, its
 * status, and errors with their code, message and errorAttribute.
 */
@NullUnmarked
class MqBindingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "binding-password-1";

    @TempDir
    Path data;

    private final FakeRuntime runtime = new FakeRuntime();
    private final AtomicInteger made = new AtomicInteger();
    private MqEngine engine;
    private MqBinding binding;

    @BeforeEach
    void start() {
        MqSettings settings = new MqSettings(
                this.data, "127.0.0.1", 43000, 4, new InstanceLaunch.Limits(0L, 0L, 0L), null, Duration.ofSeconds(5));
        this.engine =
                new MqEngine(new MemoryStorageEngine().brokers(), Clock.systemUTC(), settings, () -> this.runtime);
        this.binding = new MqBinding(
                () -> {
                    this.made.incrementAndGet();
                    return this.engine;
                },
                "eu-west-1");
    }

    @AfterEach
    void stop() {
        this.engine.close();
    }

    private WireResponse call(String method, String path, @Nullable String query, @Nullable String body) {
        RestJsonCodec codec = this.binding.restJsonCodec();
        Map<String, java.util.List<String>> headers = Map.of("content-type", java.util.List.of("application/json"));
        try {
            RestMatch match = codec.match(method, path, query, headers);
            assertThat(match).as(method + " " + path).isNotNull();
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            ObjectNode input = codec.decode(match, query, headers, bytes);
            RequestContext context = new RequestContext(
                    new Caller("123456789012", "AKID", "eu-west-1"),
                    "request-1",
                    "http://localhost:4566",
                    Protocol.REST_JSON,
                    path);
            JsonNode result = this.binding.invoke(match.operation(), input, context);
            return codec.encode(match.operation(), result);
        } catch (AwsException e) {
            return RestJsonCodec.encodeError(e.code(), e.getMessage(), this.binding.errorDocument(e));
        }
    }

    private static JsonNode body(WireResponse response) throws Exception {
        return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private String createBroker(String name) throws Exception {
        WireResponse created = this.call(
                "POST",
                "/v1/brokers",
                null,
                "{\"brokerName\":\"" + name + "\",\"deploymentMode\":\"SINGLE_INSTANCE\",\"engineType\":\"ACTIVEMQ\","
                        + "\"engineVersion\":\"5.18\",\"hostInstanceType\":\"mq.m5.large\",\"publiclyAccessible\":false,"
                        + "\"autoMinorVersionUpgrade\":true,\"users\":[{\"username\":\"admin\",\"password\":\""
                        + PASSWORD + "\",\"consoleAccess\":true,\"groups\":[\"admins\"]}],\"tags\":{\"k\":\"v\"}}");
        assertThat(created.status()).isEqualTo(200);
        return body(created).get("brokerId").asText();
    }

    @Test
    void everyOperationOfTheModelIsBound() {
        assertThat(this.binding.boundOperations())
                .containsExactlyInAnyOrderElementsOf(
                        this.binding.model().operations().keySet());
        assertThat(this.binding.boundOperations()).hasSize(24);
        assertThat(this.binding.protocols()).containsExactly(Protocol.REST_JSON);
        assertThat(this.binding.queryXmlNamespace()).isEmpty();
        assertThat(this.binding.restJsonCodec()).isSameAs(this.binding.restJsonCodec());
    }

    @Test
    void theEngineIsMadeOnceOnStart() {
        this.binding.start();
        this.binding.start();
        this.call("GET", "/v1/brokers", null, null);
        assertThat(this.made).hasValue(1);
    }

    @Test
    void brokerOperationsAnswerWithTheirStatusAndJsonNames() throws Exception {
        String id = this.createBroker("wire");
        await().atMost(Duration.ofSeconds(10)).until(() -> body(this.call("GET", "/v1/brokers/" + id, null, null))
                .path("brokerState")
                .asText()
                .equals("RUNNING"));
        JsonNode described = body(this.call("GET", "/v1/brokers/" + id, null, null));
        assertThat(described.get("brokerArn").asText())
                .isEqualTo("arn:aws:mq:eu-west-1:123456789012:broker:wire:" + id);
        assertThat(described.get("brokerInstances").get(0).get("consoleURL").asText())
                .isEqualTo("http://127.0.0.1:43005");
        assertThat(described.get("users").get(0).get("username").asText()).isEqualTo("admin");
        assertThat(described.get("created").isTextual()).isTrue();
        assertThat(described.get("tags").get("k").asText()).isEqualTo("v");

        JsonNode listed = body(this.call("GET", "/v1/brokers", "maxResults=5", null));
        assertThat(listed.get("brokerSummaries").get(0).get("brokerId").asText())
                .isEqualTo(id);

        WireResponse updated = this.call(
                "PUT",
                "/v1/brokers/" + id,
                null,
                "{\"hostInstanceType\":\"mq.m5.xlarge\",\"securityGroups\":[\"sg-1\"]}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(body(updated).get("hostInstanceType").asText()).isEqualTo("mq.m5.xlarge");
        assertThat(this.call("POST", "/v1/brokers/" + id + "/reboot", null, null)
                        .status())
                .isEqualTo(200);

        WireResponse deleted = this.call("DELETE", "/v1/brokers/" + id, null, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(body(deleted).get("brokerId").asText()).isEqualTo(id);
    }

    @Test
    void userOperationsRoundTrip() throws Exception {
        String id = this.createBroker("users");
        String path = "/v1/brokers/" + id + "/users/app";
        assertThat(this.call("POST", path, null, "{\"password\":\"" + PASSWORD + "\",\"groups\":[\"apps\"]}")
                        .status())
                .isEqualTo(200);
        JsonNode user = body(this.call("GET", path, null, null));
        assertThat(user.get("username").asText()).isEqualTo("app");
        assertThat(user.get("pending").get("pendingChange").asText()).isEqualTo("CREATE");
        assertThat(this.call("PUT", path, null, "{\"consoleAccess\":true}").status())
                .isEqualTo(200);
        JsonNode users = body(this.call("GET", "/v1/brokers/" + id + "/users", null, null));
        assertThat(users.get("users")).hasSize(2);
        assertThat(this.call("DELETE", path, null, null).status()).isEqualTo(200);
    }

    @Test
    void configurationOperationsRoundTrip() throws Exception {
        WireResponse created = this.call(
                "POST",
                "/v1/configurations",
                null,
                "{\"name\":\"cfg\",\"engineType\":\"ACTIVEMQ\",\"engineVersion\":\"5.18\"}");
        assertThat(created.status()).isEqualTo(200);
        String id = body(created).get("id").asText();
        assertThat(body(created).get("latestRevision").get("revision").asInt()).isEqualTo(1);
        String xml = "<broker xmlns=\"http://activemq.apache.org/schema/core\" useJmx=\"true\"/>";
        String data = java.util.Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
        JsonNode updated = body(this.call(
                "PUT", "/v1/configurations/" + id, null, "{\"data\":\"" + data + "\",\"description\":\"two\"}"));
        assertThat(updated.get("warnings").get(0).get("attributeName").asText()).isEqualTo("useJmx");
        assertThat(updated.get("warnings").get(0).get("reason").asText()).isEqualTo("DISALLOWED_ATTRIBUTE_REMOVED");
        JsonNode revision = body(this.call("GET", "/v1/configurations/" + id + "/revisions/2", null, null));
        assertThat(revision.get("description").asText()).isEqualTo("two");
        assertThat(body(this.call("GET", "/v1/configurations/" + id + "/revisions", null, null))
                        .get("revisions"))
                .hasSize(2);
        assertThat(body(this.call("GET", "/v1/configurations/" + id, null, null))
                        .get("name")
                        .asText())
                .isEqualTo("cfg");
        assertThat(body(this.call("GET", "/v1/configurations", null, null)).get("configurations"))
                .hasSize(1);
        assertThat(this.call("DELETE", "/v1/configurations/" + id, null, null).status())
                .isEqualTo(200);
    }

    @Test
    void tagOperationsAnswerNoContent() throws Exception {
        String id = this.createBroker("tagged");
        String arn = body(this.call("GET", "/v1/brokers/" + id, null, null))
                .get("brokerArn")
                .asText();
        String path = "/v1/tags/" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
        WireResponse tagged = this.call("POST", path, null, "{\"tags\":{\"env\":\"prod\"}}");
        assertThat(tagged.status()).isEqualTo(204);
        assertThat(tagged.body()).isEmpty();
        assertThat(body(this.call("GET", path, null, null))
                        .get("tags")
                        .get("env")
                        .asText())
                .isEqualTo("prod");
        assertThat(this.call("DELETE", path, "tagKeys=env", null).status()).isEqualTo(204);
        assertThat(body(this.call("GET", path, null, null)).get("tags").has("env"))
                .isFalse();
    }

    @Test
    void engineTypesAndInstanceOptionsAreListed() throws Exception {
        JsonNode types = body(this.call("GET", "/v1/broker-engine-types", null, null));
        assertThat(types.get("brokerEngineTypes").get(0).get("engineType").asText())
                .isEqualTo("ACTIVEMQ");
        JsonNode options = body(this.call("GET", "/v1/broker-instance-options", "hostInstanceType=mq.m5.large", null));
        assertThat(options.get("brokerInstanceOptions")).hasSize(2);
        assertThat(options.get("brokerInstanceOptions")
                        .get(0)
                        .get("availabilityZones")
                        .get(0)
                        .get("name")
                        .asText())
                .isEqualTo("eu-west-1a");
    }

    @Test
    void errorsCarryTheirCodeStatusMessageAndAttribute() throws Exception {
        WireResponse missing = this.call("GET", "/v1/brokers/nope", null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers()).containsEntry("x-amzn-ErrorType", "NotFoundException");
        JsonNode error = body(missing);
        assertThat(error.get("message").asText())
                .isEqualTo("Can't find requested broker [nope]. Make sure your broker exists.");
        assertThat(error.get("errorAttribute").asText()).isEqualTo("broker-id");

        WireResponse conflict = this.call(
                "POST",
                "/v1/brokers/" + this.createBroker("dup") + "/users/admin",
                null,
                "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.headers()).containsEntry("x-amzn-ErrorType", "ConflictException");
        assertThat(body(conflict).get("errorAttribute").asText()).isEqualTo("username");

        WireResponse bad = this.call("POST", "/v1/brokers", null, "{\"deploymentMode\":\"SINGLE_INSTANCE\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.headers()).containsEntry("x-amzn-ErrorType", "BadRequestException");
        assertThat(body(bad).get("message").asText()).isEqualTo("The request must include brokerName.");
        assertThat(body(bad).get("errorAttribute").asText()).isEqualTo("brokerName");

        WireResponse notJson = this.call("POST", "/v1/brokers", null, "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(body(notJson).get("errorAttribute").asText()).isEqualTo("body");
        assertThat(body(notJson).get("message").asText()).startsWith("The request body is invalid: ");

        WireResponse wrongType = this.call("GET", "/v1/brokers", "maxResults=many", null);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(body(wrongType).get("errorAttribute").asText()).isEqualTo("maxResults");
    }

    @Test
    void anErrorWithoutAnAttributeHasNoErrorDocument() {
        assertThat(this.binding.errorDocument(new AwsException(dev.wharf.mq.api.MqError.InternalServerError, "x")))
                .isNull();
        assertThat(dev.wharf.mq.api.MqError.InternalServerError.senderFault()).isFalse();
        assertThat(dev.wharf.mq.api.MqError.Unauthorized.httpStatus()).isEqualTo(401);
        assertThat(dev.wharf.mq.api.MqError.Forbidden.queryCode()).isEqualTo("ForbiddenException");
        assertThat(dev.wharf.mq.api.MqError.Forbidden.jsonNamespace()).isEmpty();
    }
}

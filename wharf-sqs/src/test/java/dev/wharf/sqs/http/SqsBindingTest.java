package dev.wharf.sqs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.Caller;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.query.QueryCodec;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The binding over both of SQS's protocols: what each protocol can and cannot say reaches the engine alike. */
class SqsBindingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENDPOINT = "http://localhost:4566";
    private static final String QUEUE_URL = ENDPOINT + "/000000000000/orders";
    private static final Caller CALLER = new Caller("000000000000", "test", "us-east-1");

    private SqsEngine engine;
    private SqsBinding binding;
    private QueryCodec query;

    @BeforeEach
    void start() {
        engine = new SqsEngine(
                new MemoryStorageEngine(),
                Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC),
                "us-east-1");
        binding = new SqsBinding(engine);
        query = new QueryCodec(binding.model(), SqsBinding.XML_NAMESPACE);
        json("CreateQueue", "{\"QueueName\":\"orders\"}");
    }

    @AfterEach
    void stop() {
        engine.stopMoveTasks();
    }

    private Operation operation(String name) {
        return Objects.requireNonNull(binding.model().operation(name), name);
    }

    private static RequestContext context(Protocol protocol) {
        return new RequestContext(CALLER, "request-id", ENDPOINT, protocol, "/");
    }

    private JsonNode json(String operation, String body) {
        ObjectNode input;
        try {
            input = (ObjectNode) JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(body, e);
        }
        return binding.invoke(operation(operation), input, context(Protocol.AWS_JSON_1_0));
    }

    private JsonNode query(String operation, Map<String, String> form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((name, value) -> params.put(name, List.of(value)));
        ObjectNode input = query.decode(operation(operation), params);
        return binding.invoke(operation(operation), input, context(Protocol.AWS_QUERY));
    }

    /** What a call ends with: the result's attribute digest, or the error's Query code and message. */
    private static String outcome(Supplier<JsonNode> call) {
        try {
            return "sent " + call.get().path("MD5OfMessageAttributes").asText();
        } catch (AwsException e) {
            return e.code().queryCode() + ": " + e.getMessage();
        }
    }

    /** One message attribute as a test sends it; null parts are left out of the request. */
    private record Attribute(
            String name,
            @Nullable String dataType,
            @Nullable String stringValue,
            @Nullable String binaryValue) {

        String json() {
            ObjectNode value = JSON.createObjectNode();
            if (dataType != null) {
                value.put("DataType", dataType);
            }
            if (stringValue != null) {
                value.put("StringValue", stringValue);
            }
            if (binaryValue != null) {
                value.put("BinaryValue", binaryValue);
            }
            ObjectNode request =
                    JSON.createObjectNode().put("QueueUrl", QUEUE_URL).put("MessageBody", "body");
            request.putObject("MessageAttributes").set(name, value);
            return request.toString();
        }

        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("QueueUrl", QUEUE_URL);
            form.put("MessageBody", "body");
            form.put("MessageAttribute.1.Name", name);
            if (dataType != null) {
                form.put("MessageAttribute.1.Value.DataType", dataType);
            }
            if (stringValue != null) {
                form.put("MessageAttribute.1.Value.StringValue", stringValue);
            }
            if (binaryValue != null) {
                form.put("MessageAttribute.1.Value.BinaryValue", binaryValue);
            }
            return form;
        }
    }

    @Test
    void messageAttributesAreCheckedAlikeOverJsonAndQuery() {
        List<Attribute> attributes = List.of(
                new Attribute("fine", "String", "v", null),
                new Attribute("count", "Number.int", "42", null),
                new Attribute("blob", "Binary", null, "AAEC"),
                new Attribute("", "String", "v", null),
                new Attribute("AWS.reserved", "String", "v", null),
                new Attribute("bad name", "String", "v", null),
                new Attribute("x".repeat(257), "String", "v", null),
                new Attribute("a", null, "v", null),
                new Attribute("a", "", "v", null),
                new Attribute("a", "Text", "v", null),
                new Attribute("a", "String." + "x".repeat(250), "v", null),
                new Attribute("a", "String", "", null),
                new Attribute("a", "String", "\u0001", null),
                new Attribute("a", "Number", "1e400", null),
                new Attribute("a", "Number", "1".repeat(500), null),
                new Attribute("a", "Number", "twelve", null),
                new Attribute("a", "Binary", null, null),
                new Attribute("a", "Binary", null, "not base64!"));
        List<String> overJson = new ArrayList<>();
        List<String> overQuery = new ArrayList<>();

        for (Attribute attribute : attributes) {
            overJson.add(outcome(() -> json("SendMessage", attribute.json())));
            overQuery.add(outcome(() -> query("SendMessage", attribute.form())));
        }

        assertThat(overQuery).containsExactlyElementsOf(overJson);
        assertThat(overJson.subList(0, 3))
                .allSatisfy(outcome -> assertThat(outcome).startsWith("sent "));
        assertThat(overJson.subList(3, overJson.size()))
                .allSatisfy(outcome -> assertThat(outcome).startsWith("InvalidParameterValue: "));
    }

    private static String error(Runnable call) {
        try {
            call.run();
        } catch (AwsException e) {
            return e.code().queryCode() + ": " + e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void aMissingQueueIsWordedAsEachProtocolWordsIt() {
        assertThat(error(() -> json("GetQueueUrl", "{\"QueueName\":\"nope\"}")))
                .isEqualTo("AWS.SimpleQueueService.NonExistentQueue: The specified queue does not exist.");
        assertThat(error(() -> query("GetQueueUrl", Map.of("QueueName", "nope"))))
                .isEqualTo("AWS.SimpleQueueService.NonExistentQueue: The specified queue does not exist for this"
                        + " wsdl version.");
        assertThat(error(() ->
                        query("SendMessage", Map.of("QueueUrl", ENDPOINT + "/000000000000/nope", "MessageBody", "b"))))
                .endsWith("The specified queue does not exist for this wsdl version.");
        assertThat(error(() -> json("CreateQueue", "{\"QueueName\":\"bad name\"}")))
                .isEqualTo(error(() -> query("CreateQueue", Map.of("QueueName", "bad name"))));
    }

    @Test
    void aQueryBatchWithoutEntriesIsAnEmptyBatch() {
        for (String operation : List.of("SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch")) {
            String entry = operation + "RequestEntry";
            String empty = "AWS.SimpleQueueService.EmptyBatchRequest: There should be at least one " + entry
                    + " in the request.";
            assertThat(error(() -> query(operation, Map.of("QueueUrl", QUEUE_URL))))
                    .as(operation)
                    .isEqualTo(empty);
            assertThat(error(() -> json(operation, "{\"QueueUrl\":\"" + QUEUE_URL + "\",\"Entries\":[]}")))
                    .as(operation)
                    .isEqualTo(empty);
            assertThat(error(() -> json(operation, "{\"QueueUrl\":\"" + QUEUE_URL + "\"}")))
                    .as(operation)
                    .isEqualTo("MissingParameter: The request must contain the parameter Entries.");
        }
    }

    @Test
    void otherRequiredListsAbsentFromQueryAreEmptyListsToo() {
        assertThat(error(() -> query(
                        "AddPermission", Map.of("QueueUrl", QUEUE_URL, "Label", "l", "ActionName.1", "SendMessage"))))
                .isEqualTo("InvalidParameterValue: Value [] for parameter PrincipalId is invalid. Reason: Unable to"
                        + " verify.");
        assertThat(error(() -> query(
                        "AddPermission",
                        Map.of("QueueUrl", QUEUE_URL, "Label", "l", "AWSAccountId.1", "111111111111"))))
                .isEqualTo("MissingParameter: The request must contain the parameter Actions.");
        assertThat(error(() -> query("UntagQueue", Map.of("QueueUrl", QUEUE_URL))))
                .isEqualTo("InvalidParameterValue: Tag keys must be between 1 and 128 characters in length.");
        assertThat(error(() -> query("TagQueue", Map.of("QueueUrl", QUEUE_URL))))
                .isEqualTo("MissingParameter: The request must contain the parameter Tags.");
        assertThat(error(() -> query("SetQueueAttributes", Map.of("QueueUrl", QUEUE_URL))))
                .isEqualTo("MissingParameter: The request must contain the parameter Attributes.");
    }

    @Test
    void theSdkV1sQueueUrlInThePathNamesTheQueue() {
        Operation operation = operation("GetQueueAttributes");
        ObjectNode input = query.decode(operation, Map.of("AttributeName.1", List.of("QueueArn")));

        JsonNode byUrl = binding.invoke(
                operation,
                input.deepCopy(),
                new RequestContext(CALLER, "r", ENDPOINT, Protocol.AWS_QUERY, "/000000000000/orders"));
        JsonNode byName = binding.invoke(
                operation, input.deepCopy(), new RequestContext(CALLER, "r", ENDPOINT, Protocol.AWS_QUERY, "/orders"));

        assertThat(byUrl.path("Attributes").path("QueueArn").asText())
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders");
        assertThat(byName).isEqualTo(byUrl);
    }

    @Test
    void aValueOfTheWrongShapeIsNamedAsTheRequestNamedIt() {
        String tagQueue = "{\"QueueUrl\":\"" + QUEUE_URL + "\",\"Tags\":";
        assertThat(error(() -> json("TagQueue", tagQueue + "{\"\":{}}}")))
                .isEqualTo("InvalidParameterValue: Value for parameter Tags is invalid. Reason: type mismatch.");
        assertThat(error(() -> json("TagQueue", tagQueue + "{\"team\":[1]}}")))
                .isEqualTo("InvalidParameterValue: Value for parameter Tags.team is invalid. Reason: type mismatch.");
        assertThat(error(() -> json(
                        "SendMessage",
                        "{\"QueueUrl\":\"" + QUEUE_URL + "\",\"MessageBody\":\"b\","
                                + "\"messageattributes\":{\"a\":{\"DataType\":\"Binary\",\"BinaryValue\":\"!!\"}}}")))
                .isEqualTo("InvalidParameterValue: Value for parameter messageattributes.a.BinaryValue is invalid."
                        + " Reason: type mismatch.");
        assertThat(error(() -> json(
                        "DeleteMessageBatch",
                        "{\"QueueUrl\":\"" + QUEUE_URL + "\",\"Entries\":[{\"Id\":\"1\","
                                + "\"ReceiptHandle\":\"h\"},{\"Id\":{}}]}")))
                .isEqualTo("InvalidParameterValue: Value for parameter Entries.Id is invalid. Reason: type mismatch.");
        assertThat(error(() -> json(
                        "SendMessage",
                        "{\"QueueUrl\":\"" + QUEUE_URL + "\",\"MessageBody\":\"b\","
                                + "\"MessageAttributes\":{\"\":{\"\":{}}}}")))
                .startsWith("InvalidParameterValue: ");
    }

    /** Values of every wrong shape, and the right ones too, that a JSON request can hold in any member. */
    private static final List<String> HOSTILE_VALUES = List.of(
            "null",
            "\"\"",
            "\"x\"",
            "0",
            "-1",
            "99999999999",
            "true",
            "{}",
            "[]",
            "[null]",
            "[{}]",
            "[\"\"]",
            "{\"\":null}",
            "{\"\":{}}",
            "{\"a\":{\"DataType\":null}}",
            "[{\"Id\":null}]",
            "[{\"Id\":\"1\"}]");

    @Test
    void noRequestMakesTheBindingFailWithAnythingButAnAwsError() {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Operation> entry : binding.model().operations().entrySet()) {
            String inputShape = entry.getValue().input();
            List<String> members = inputShape == null
                    ? List.of()
                    : List.copyOf(binding.model().shape(inputShape).members().keySet());
            List<String> bodies = new ArrayList<>(List.of("{}", "{\"QueueUrl\":\"" + QUEUE_URL + "\"}"));
            for (String member : members) {
                for (String value : HOSTILE_VALUES) {
                    bodies.add("{\"QueueUrl\":\"" + QUEUE_URL + "\",\"" + member + "\":" + value + "}");
                }
            }
            for (String body : bodies) {
                try {
                    json(entry.getKey(), body);
                } catch (AwsException e) {
                    // An answer to the client: what this test allows.
                } catch (RuntimeException e) {
                    failures.add(entry.getKey() + " " + body + " failed with " + e);
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}

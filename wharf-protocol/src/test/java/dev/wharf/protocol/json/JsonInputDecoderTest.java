package dev.wharf.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden tests: JSON bodies checked against SQS's model as AWS's JSON services check them, nothing coerced. */
class JsonInputDecoderTest {

    private static final ServiceModel SQS = ServiceModel.load(
            JsonInputDecoderTest.class.getClassLoader(), "META-INF/smithy/2012-11-05/sqs-2012-11-05.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonCodec codec = new JsonCodec(Protocol.AWS_JSON_1_0);

    private com.fasterxml.jackson.databind.node.ObjectNode decode(String operation, String body) {
        Operation op = Objects.requireNonNull(SQS.operation(operation));
        return codec.decode(body.getBytes(StandardCharsets.UTF_8), SQS, op);
    }

    private String rejection(String operation, String body) {
        AwsException e = catchThrowableOfType(AwsException.class, () -> decode(operation, body));
        assertThat(e).as(body).isNotNull();
        assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
        return String.valueOf(e.getMessage());
    }

    @Test
    void bodyAsTheSdkSendsItPassesWithItsTypes() throws Exception {
        String body = "{\"QueueUrl\":\"http://localhost:4566/000000000000/q\",\"MessageBody\":\"hi\","
                + "\"DelaySeconds\":5,\"MessageAttributes\":{\"a\":{\"DataType\":\"Binary\","
                + "\"BinaryValue\":\"aGk=\"}},\"MessageSystemAttributes\":{}}";
        com.fasterxml.jackson.databind.node.ObjectNode expected =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(body);
        // The blob is decoded where it is checked: the binding gets its bytes.
        expected.withObject("/MessageAttributes/a").put("BinaryValue", "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(decode("SendMessage", body)).isEqualTo(expected);
    }

    @Test
    void nullMembersCountAsAbsentAndUnknownMembersAreDropped() throws Exception {
        assertThat(decode("SendMessage", "{\"QueueUrl\":\"q\",\"DelaySeconds\":null,\"delayseconds\":\"x\",\"Foo\":1}"))
                .isEqualTo(JSON.readTree("{\"QueueUrl\":\"q\"}"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SendMessage|{\"DelaySeconds\":\"5\"}|class java.lang.String can not be converted to an Integer",
                "ReceiveMessage|{\"MaxNumberOfMessages\":\"10\"}"
                        + "|class java.lang.String can not be converted to an Integer",
                "SendMessage|{\"DelaySeconds\":true}|class java.lang.Boolean can not be converted to an Integer",
                "SendMessage|{\"DelaySeconds\":1.9}|Number 1.9 can not be converted to an Integer: it has a fraction.",
                "SendMessage|{\"DelaySeconds\":4294967296}"
                        + "|Number 4294967296 can not be converted to an Integer: it is out of range.",
                "SendMessage|{\"DelaySeconds\":[]}|Start of list found where not expected",
                "SendMessage|{\"DelaySeconds\":{}}|Start of structure or map found where not expected.",
                "CreateQueue|{\"QueueName\":12345}"
                        + "|class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an"
                        + " String",
                "SendMessage|{\"MessageBody\":false}|class java.lang.Boolean can not be converted to an String",
                "CreateQueue|{\"Attributes\":{\"VisibilityTimeout\":30}}"
                        + "|class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an"
                        + " String",
                "CreateQueue|{\"Attributes\":{\"\":{}}}|Start of structure or map found where not expected.",
                "TagQueue|{\"Tags\":{\"\":{}}}|Start of structure or map found where not expected.",
                "SendMessage|{\"MessageAttributes\":{\"\":[]}}|Start of list found where not expected",
                "SendMessage|{\"MessageAttributes\":{\"a\":\"x\"}}|Expected null",
                "SendMessageBatch|{\"Entries\":[null]}|Null value found in a list; list members must not be null.",
                "SendMessageBatch|{\"Entries\":{}}|Start of structure or map found where not expected.",
                "SendMessageBatch|{\"Entries\":\"x\"}|Expected list or null",
                "UntagQueue|{\"TagKeys\":[null]}|Null value found in a list; list members must not be null.",
                "AddPermission|{\"AWSAccountIds\":[null]}|Null value found in a list; list members must not be null.",
                "ReceiveMessage|{\"MessageAttributeNames\":[7]}"
                        + "|class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an"
                        + " String",
                "TagQueue|{\"Tags\":{\"k\":null}}|Null value found in a map; map values must not be null.",
                "CreateQueue|{\"Attributes\":[]}|Start of list found where not expected",
                "CreateQueue|{\"Attributes\":5}|Expected map or null",
            })
    void wronglyTypedValueIsSerializationException(String operation, String body, String message) {
        assertThat(rejection(operation, body)).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "23456|'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes"
                        + " but found: 5",
                "=+/=|'=+/=' can not be converted to a Blob: Invalid Base64 character: '='",
                "+/+=|'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected",
                "ab!d|'ab!d' can not be converted to a Blob: Invalid Base64 character: '!'",
            })
    void blobMustBeStrictBase64(String value, String message) {
        String body = "{\"MessageAttributes\":{\"a\":{\"DataType\":\"Binary\",\"BinaryValue\":\"" + value + "\"}}}";
        assertThat(rejection("SendMessage", body)).isEqualTo(message);
    }

    @Test
    void blobThatIsNotTextNamesItsType() {
        String body = "{\"MessageAttributes\":{\"a\":{\"DataType\":\"Binary\",\"BinaryValue\":7}}}";
        assertThat(rejection("SendMessage", body))
                .isEqualTo("class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a"
                        + " Blob");
    }

    @Test
    void longWrongValueIsEchoedBoundedAndEscaped() {
        String value = "AAAA\n".repeat(40);
        String body = "{\"MessageAttributes\":{\"a\":{\"DataType\":\"Binary\",\"BinaryValue\":\""
                + value.replace("\n", "\\n") + "\"}}}";
        String message = rejection("SendMessage", body);
        assertThat(message).doesNotContain("\n").contains("AAAA\\nAAAA").contains("more chars)");
        assertThat(message.length()).isLessThan(200);
    }

    @Test
    void trailingBytesAfterTheDocumentAreRejected() {
        for (String body : new String[] {"{\"QueueName\":\"a\"} {}", "{\"QueueName\":\"a\"}x", "{}[]"}) {
            assertThat(rejection("CreateQueue", body)).as(body).startsWith("The request body ");
        }
        assertThat(rejection("CreateQueue", "{\"QueueName\":\"a\"} {}"))
                .isEqualTo("The request body continues after the end of its JSON object.");
    }

    @Test
    void eachMalformedBodyGetsItsOwnAccurateText() {
        byte[] invalidUtf8 = {'{', '"', 'Q', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        AwsException utf8 = catchThrowableOfType(
                AwsException.class,
                () -> codec.decode(invalidUtf8, SQS, Objects.requireNonNull(SQS.operation("CreateQueue"))));
        assertThat(utf8.getMessage()).isEqualTo("The request body is not valid UTF-8.");
        assertThat(rejection("SendMessage", "{\"DelaySeconds\":" + "9".repeat(1_500) + "}"))
                .isEqualTo("The request body holds a number longer than 1000 digits.");
        assertThat(rejection("CreateQueue", "{\"a\":".repeat(100) + "1" + "}".repeat(100)))
                .isEqualTo("The request body nests deeper than 64 levels.");
        assertThat(rejection("CreateQueue", "{\"QueueName\":")).startsWith("The request body is not valid JSON: ");
        assertThat(rejection("CreateQueue", "[1]")).isEqualTo("Start of list found where not expected");
        assertThat(rejection("CreateQueue", "\"text\"")).isEqualTo("Expected null");
    }

    @Test
    void hugeNumbersAreRejectedForIntegersAndKeptForDoubles() {
        assertThat(rejection("SendMessage", "{\"DelaySeconds\":1e400}"))
                .isEqualTo("Number 1E+400 can not be converted to an Integer: it is out of range.");
        assertThat(rejection("SendMessage", "{\"DelaySeconds\":" + "9".repeat(500) + "}"))
                .startsWith("Number 9999")
                .endsWith("can not be converted to an Integer: it is out of range.");
        assertThat(rejection("ReceiveMessage", "{\"MaxNumberOfMessages\":244444441e40044444410}"))
                .isEqualTo("The request body holds a number that cannot be represented.");
        assertThat(rejection("SendMessage", "{\"DelaySeconds\":1e999999999}"))
                .isEqualTo("Number 1E+999999999 can not be converted to an Integer: it is out of range.");
        assertThat(decode("SendMessage", "{\"DelaySeconds\":5.0}")
                        .get("DelaySeconds")
                        .intValue())
                .isEqualTo(5);
    }
}

package dev.wharf.sns.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.sns.api.SnsError;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageStructureTest {

    private static final String NO_DEFAULT =
            "Invalid parameter: Message Structure - No default entry in JSON message body";
    private static final String FAILED_TO_PARSE =
            "Invalid parameter: Message Structure - JSON message body failed to parse";

    @Test
    void eachProtocolGetsItsOwnMessageAndTheRestTheDefault() {
        MessageStructure structure = MessageStructure.parseJson(
                "{\"default\": \"default field\", \"sqs\": \"{\\\"field\\\": \\\"value\\\"}\", \"email\": \"Hi\","
                        + " \"email-json\": \"{}\", \"lambda\": \"to lambda\", \"https\": \"secure\"}");

        assertThat(structure.messageFor("sqs")).isEqualTo("{\"field\": \"value\"}");
        assertThat(structure.messageFor("email")).isEqualTo("Hi");
        assertThat(structure.messageFor("email-json")).isEqualTo("{}");
        assertThat(structure.messageFor("lambda")).isEqualTo("to lambda");
        assertThat(structure.messageFor("https")).isEqualTo("secure");
        assertThat(structure.messageFor("http")).isEqualTo("default field");
        assertThat(structure.messageFor("sms")).isEqualTo("default field");
        assertThat(structure.messageFor("firehose")).isEqualTo("default field");
        assertThat(structure.defaultMessage()).isEqualTo("default field");
    }

    @Test
    void applicationEndpointsGetTheirPlatformsMessage() {
        MessageStructure structure = MessageStructure.parseJson(
                "{\"default\": \"d\", \"APNS\": \"{\\\"aps\\\":{\\\"alert\\\":\\\"hi\\\"}}\", \"GCM\": \"g\"}");

        assertThat(structure.messageFor("APNS")).isEqualTo("{\"aps\":{\"alert\":\"hi\"}}");
        assertThat(structure.messageFor("GCM")).isEqualTo("g");
        assertThat(structure.messageFor("APNS_SANDBOX")).isEqualTo("d");
        assertThat(structure.messageFor("apns")).isEqualTo("d");
    }

    @Test
    void messageWithoutDefaultIsRefused() {
        assertInvalid("{\"sqs\": \"Test message\"}", NO_DEFAULT);
        assertInvalid("{}", NO_DEFAULT);
    }

    @Test
    void defaultThatIsNotAStringCountsAsNoDefault() {
        assertInvalid("{\"default\": {\"object\": \"test\"}}", NO_DEFAULT);
        assertInvalid("{\"default\": 1}", NO_DEFAULT);
        assertInvalid("{\"default\": null}", NO_DEFAULT);
        assertInvalid("{\"default\": [\"a\"]}", NO_DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"default\": \"This is a default message\"} }",
                "{\"default\": \"a\"} {}",
                "{\"default\": \"a\"",
                "{default: \"a\"}",
                "{'default': 'a'}",
                "not json",
                "",
                "[\"default\"]",
                "\"default\"",
                "{\"default\": \"a\",}"
            })
    void bodyThatIsNotOneJsonObjectFailsToParse(String message) {
        assertInvalid(message, FAILED_TO_PARSE);
    }

    @Test
    void protocolMessageThatIsNotAStringIsIgnored() {
        MessageStructure structure =
                MessageStructure.parseJson("{\"default\": \"default field\", \"sqs\": {\"field\": \"value\"}}");

        assertThat(structure.messageFor("sqs")).isEqualTo("default field");
        assertThat(structure.messages()).containsOnlyKeys("default");
    }

    @Test
    void duplicateKeysAreAcceptedAndTheLastOneCounts() {
        MessageStructure structure =
                MessageStructure.parseJson("{\"default\": \"This is a default message\", \"default\": \"Duplicate\"}");

        assertThat(structure.defaultMessage()).isEqualTo("Duplicate");
    }

    @Test
    void laterNonStringDuplicateTakesTheKeyAway() {
        assertInvalid("{\"default\": \"a\", \"default\": 1}", NO_DEFAULT);
    }

    @Test
    void whitespaceAroundTheObjectIsAllowed() {
        assertThat(MessageStructure.parseJson(" \n{\"default\": \"d\"}\n ").defaultMessage())
                .isEqualTo("d");
    }

    @Test
    void constructedStructureMustHaveADefault() {
        assertThatThrownBy(() -> new MessageStructure(Map.of("sqs", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(MessageStructure.JSON).isEqualTo("json");
    }

    private static void assertInvalid(String message, String text) {
        assertThatThrownBy(() -> MessageStructure.parseJson(message)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(SnsError.InvalidParameter);
            assertThat(e.code().httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(text);
        });
    }
}

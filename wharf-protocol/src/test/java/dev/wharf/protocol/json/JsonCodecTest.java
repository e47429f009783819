package dev.wharf.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.WireResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Golden tests of the AWS JSON 1.0 and 1.1 bodies and error shapes. */
class JsonCodecTest {

    /** An error shaped as SQS's QueueDoesNotExist is. */
    private enum SampleError implements AwsErrorCode {
        QueueDoesNotExist;

        @Override
        public String shapeName() {
            return name();
        }

        @Override
        public String queryCode() {
            return "AWS.SimpleQueueService.NonExistentQueue";
        }

        @Override
        public String jsonNamespace() {
            return "com.amazonaws.sqs";
        }

        @Override
        public int httpStatus() {
            return 400;
        }

        @Override
        public boolean senderFault() {
            return true;
        }
    }

    private final JsonCodec json10 = new JsonCodec(Protocol.AWS_JSON_1_0);

    @Test
    void errorOfQueryCompatibleServiceCarriesTypeAndQueryErrorHeader() {
        WireResponse response =
                json10.encodeError(SampleError.QueueDoesNotExist, "The specified queue does not exist.", true);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(response.headers())
                .containsEntry("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\","
                        + "\"message\":\"The specified queue does not exist.\"}");
    }

    @Test
    void errorOfPlainJsonServiceHasNoQueryErrorHeader() {
        WireResponse response =
                new JsonCodec(Protocol.AWS_JSON_1_1).encodeError(CommonError.UNKNOWN_OPERATION, "", false);
        assertThat(response.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(response.headers()).isEmpty();
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"__type\":\"UnknownOperationException\",\"message\":\"\"}");
    }

    @Test
    void anErrorWithMembersWritesThemAfterItsTypeInPlaceOfTheMessage() {
        com.fasterxml.jackson.databind.node.ObjectNode members =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        members.putArray("CancellationReasons").addObject().put("Code", "None");
        members.put("Message", "Transaction cancelled");
        WireResponse response = json10.encodeError(SampleError.QueueDoesNotExist, "ignored", false, members);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\","
                        + "\"CancellationReasons\":[{\"Code\":\"None\"}],\"Message\":\"Transaction cancelled\"}");
        assertThat(json10.encodeError(SampleError.QueueDoesNotExist, "m", false, null)
                        .body())
                .isEqualTo(json10.encodeError(SampleError.QueueDoesNotExist, "m", false)
                        .body());
    }

    @Test
    void decodesBodyAsTheSdkSendsIt() {
        byte[] body =
                "{\"QueueName\":\"orders\",\"Attributes\":{\"DelaySeconds\":\"5\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(json10.decode(body).get("Attributes").get("DelaySeconds").asText())
                .isEqualTo("5");
        assertThat(json10.decode(new byte[0])).isEmpty();
    }

    @Test
    void malformedBodyIsSerializationException() {
        for (String body : new String[] {"{not json", "[1,2]", "\"text\""}) {
            AwsException e = catchThrowableOfType(
                    AwsException.class, () -> json10.decode(body.getBytes(StandardCharsets.UTF_8)));
            assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
        }
    }
}

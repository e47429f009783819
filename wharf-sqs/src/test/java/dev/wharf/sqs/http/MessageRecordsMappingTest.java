package dev.wharf.sqs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.protocol.model.ModelDocuments;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.MessageAttributeValue;
import dev.wharf.sqs.api.ReceiveMessageResult;
import dev.wharf.sqs.api.SendMessageRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model-shaped documents map onto the message records and back, with the model's exact member names. */
class MessageRecordsMappingTest {

    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void sendMessageDocumentBecomesARecord() throws Exception {
        JsonNode input = RECORDS.readTree("""
                {"QueueUrl":"http://h/1/q","MessageBody":"b","DelaySeconds":3,
                 "MessageAttributes":{"n":{"DataType":"Number","StringValue":"1"},
                                      "b":{"DataType":"Binary","BinaryValue":"AAEC"}},
                 "MessageSystemAttributes":{"AWSTraceHeader":{"DataType":"String","StringValue":"Root=1"}}}
                """);

        SendMessageRequest request = RECORDS.treeToValue(input, SendMessageRequest.class);

        assertThat(request.messageBody()).isEqualTo("b");
        assertThat(request.delaySeconds()).isEqualTo(3);
        assertThat(request.messageAttributes()).hasEntrySatisfying("b", value -> {
            assertThat(value.dataType()).isEqualTo("Binary");
            assertThat(value.binaryValue()).containsExactly(0, 1, 2);
        });
        assertThat(request.messageSystemAttributes()).containsKey("AWSTraceHeader");
    }

    @Test
    void receiveResultIsShapedWithTheModelsNames() {
        ServiceModel model = ServiceModel.load(getClass().getClassLoader(), SqsBinding.MODEL_RESOURCE);
        Message message = new Message(
                "id",
                "handle",
                "md5",
                "body",
                Map.of("SentTimestamp", "1"),
                null,
                Map.of("a", MessageAttributeValue.ofString("String", "v")));

        JsonNode shaped = new ModelDocuments(model)
                .shape(
                        RECORDS.valueToTree(new ReceiveMessageResult(List.of(message))),
                        "com.amazonaws.sqs#ReceiveMessageResult");

        JsonNode first = shaped.get("Messages").get(0);
        assertThat(first.get("MD5OfBody").asText()).isEqualTo("md5");
        assertThat(first.get("ReceiptHandle").asText()).isEqualTo("handle");
        assertThat(first.get("Attributes").get("SentTimestamp").asText()).isEqualTo("1");
        assertThat(first.get("MessageAttributes").get("a").get("DataType").asText())
                .isEqualTo("String");
        assertThat(first.has("MD5OfMessageAttributes")).isFalse();
    }
}

package dev.wharf.sqs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.protocol.model.ModelDocuments;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.sqs.api.CancelMessageMoveTaskResult;
import dev.wharf.sqs.api.ListMessageMoveTasksResult;
import dev.wharf.sqs.api.ListMessageMoveTasksResultEntry;
import dev.wharf.sqs.api.StartMessageMoveTaskRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Model-shaped documents map onto the message movement task records and back, with the model's member names. */
class MoveTaskRecordsMappingTest {

    private static final ObjectMapper RECORDS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ModelDocuments DOCUMENTS = new ModelDocuments(
            ServiceModel.load(MoveTaskRecordsMappingTest.class.getClassLoader(), SqsBinding.MODEL_RESOURCE));

    @Test
    void startMessageMoveTaskDocumentBecomesARecord() throws Exception {
        JsonNode input = RECORDS.readTree("""
                {"SourceArn":"arn:aws:sqs:us-east-1:000000000000:dlq","MaxNumberOfMessagesPerSecond":5}
                """);

        StartMessageMoveTaskRequest request = RECORDS.treeToValue(input, StartMessageMoveTaskRequest.class);

        assertThat(request.sourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:dlq");
        assertThat(request.destinationArn()).isNull();
        assertThat(request.maxNumberOfMessagesPerSecond()).isEqualTo(5);
    }

    @Test
    void listResultIsShapedWithTheModelsNamesAndDropsWhatIsUnset() {
        ListMessageMoveTasksResultEntry entry = new ListMessageMoveTasksResultEntry(
                null,
                "COMPLETED",
                "arn:aws:sqs:us-east-1:000000000000:dlq",
                null,
                null,
                2,
                2L,
                null,
                1_700_000_000_000L);

        JsonNode shaped = DOCUMENTS.shape(
                RECORDS.valueToTree(new ListMessageMoveTasksResult(List.of(entry))),
                "com.amazonaws.sqs#ListMessageMoveTasksResult");

        JsonNode first = shaped.get("Results").get(0);
        assertThat(first.get("Status").asText()).isEqualTo("COMPLETED");
        assertThat(first.get("SourceArn").asText()).endsWith(":dlq");
        assertThat(first.get("ApproximateNumberOfMessagesMoved").asLong()).isEqualTo(2);
        assertThat(first.get("ApproximateNumberOfMessagesToMove").asLong()).isEqualTo(2);
        assertThat(first.get("StartedTimestamp").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(first.has("TaskHandle")).isFalse();
        assertThat(first.has("DestinationArn")).isFalse();
        assertThat(first.has("MaxNumberOfMessagesPerSecond")).isFalse();
        assertThat(first.has("FailureReason")).isFalse();
    }

    @Test
    void cancelResultIsShapedWithTheModelsNames() {
        JsonNode shaped = DOCUMENTS.shape(
                RECORDS.valueToTree(new CancelMessageMoveTaskResult(3)),
                "com.amazonaws.sqs#CancelMessageMoveTaskResult");

        assertThat(shaped.get("ApproximateNumberOfMessagesMoved").asLong()).isEqualTo(3);
    }
}

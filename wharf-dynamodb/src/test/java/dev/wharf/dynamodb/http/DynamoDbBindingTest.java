package dev.wharf.dynamodb.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.CancellationReason;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.ErrorDetails;
import dev.wharf.dynamodb.engine.DynamoDbConfig;
import dev.wharf.dynamodb.engine.DynamoDbEngine;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.Member;
import dev.wharf.storage.MemoryStorageEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The binding's model, its errors with members, and the CRC-32 on every answer. */
class DynamoDbBindingTest {

    private final DynamoDbBinding binding = new DynamoDbBinding(
            new DynamoDbEngine(Clock.systemUTC(), DynamoDbConfig.DEFAULT, new MemoryStorageEngine().tables()),
            "us-east-1");

    @Test
    void everyBoundOperationIsOneOfTheModelsAndTheModelNamesNullAsTheWireDoes() {
        assertThat(binding.model().operations().keySet()).containsAll(binding.boundOperations());
        assertThat(binding.model().operations().keySet())
                .containsExactlyInAnyOrderElementsOf(DynamoDbBinding.OPERATIONS);
        Map<String, Member> value =
                binding.model().shape("com.amazonaws.dynamodb#AttributeValue").members();
        assertThat(value).containsKeys("S", "N", "B", "SS", "NS", "BS", "M", "L", "BOOL", "NULL");
        assertThat(value).doesNotContainKey("NUL");
    }

    @Test
    void aCancelledTransactionWritesItsReasonsAndItsMessageAsDynamoDbDoes() {
        AwsException error = new AwsException(
                DynamoDbError.TransactionCanceled,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [None,"
                        + " ConditionalCheckFailed]",
                new ErrorDetails.TransactionCanceled(List.of(
                        new CancellationReason(null, "None", null),
                        new CancellationReason(
                                Map.of(
                                        "id",
                                        new AttributeValue("a", null, null, null, null, null, null, null, null, null)),
                                "ConditionalCheckFailed",
                                "The conditional request failed"))));

        ObjectNode members = java.util.Objects.requireNonNull(binding.errorDocument(error));

        assertThat(members.toString())
                .isEqualTo("{\"CancellationReasons\":[{\"Code\":\"None\"},{\"Item\":{\"id\":{\"S\":\"a\"}},"
                        + "\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The conditional request failed\"}],"
                        + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons"
                        + " [None, ConditionalCheckFailed]\"}");
        assertThat(binding.errorDocument(DynamoDbError.Validation.with("plain")))
                .isNull();
    }

    @Test
    void everyAnswerCarriesTheCrc32OfItsBody() {
        byte[] body = "{\"TableNames\":[]}".getBytes(StandardCharsets.UTF_8);
        WireResponse finished = binding.finish(new WireResponse(200, "application/x-amz-json-1.0", Map.of(), body));
        CRC32 crc = new CRC32();
        crc.update(body);
        assertThat(finished.headers()).containsEntry("x-amz-crc32", Long.toString(crc.getValue()));
        assertThat(finished.body()).isSameAs(body);
    }

    @Test
    void describeEndpointsNamesTheHostAndPortTheClientCalled() {
        assertThat(DynamoDbBinding.address("http://localhost:4566")).isEqualTo("localhost:4566");
        assertThat(DynamoDbBinding.address("localhost:4566")).isEqualTo("localhost:4566");
    }
}

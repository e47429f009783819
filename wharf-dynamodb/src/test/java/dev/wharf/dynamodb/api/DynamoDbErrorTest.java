package dev.wharf.dynamodb.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The error catalogue: DynamoDB's codes, statuses and the namespaces of their __type. */
class DynamoDbErrorTest {

    @Test
    void modelledErrorsCarryTheServiceNamespace() {
        assertThat(DynamoDbError.ConditionalCheckFailed.jsonType())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
        assertThat(DynamoDbError.ResourceNotFound.queryCode()).isEqualTo("ResourceNotFoundException");
        assertThat(DynamoDbError.TransactionCanceled.httpStatus()).isEqualTo(400);
        assertThat(DynamoDbError.TransactionCanceled.senderFault()).isTrue();
    }

    @Test
    void theRequestLayersErrorsCarryItsNamespace() {
        assertThat(DynamoDbError.Validation.jsonType()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(DynamoDbError.Serialization.jsonType()).isEqualTo("com.amazon.coral.service#SerializationException");
    }

    @Test
    void anInternalServerErrorIsTheServersFault() {
        assertThat(DynamoDbError.InternalServerError.httpStatus()).isEqualTo(500);
        assertThat(DynamoDbError.InternalServerError.senderFault()).isFalse();
        assertThat(DynamoDbError.InternalServerError.with("boom").getMessage()).isEqualTo("boom");
        assertThat(DynamoDbError.InternalServerError.with("boom").code()).isEqualTo(DynamoDbError.InternalServerError);
    }
}

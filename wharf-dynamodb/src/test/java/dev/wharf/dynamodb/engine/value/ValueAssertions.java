package dev.wharf.dynamodb.engine.value;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.api.DynamoDbError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts the exact DynamoDB error that a call ends with. */
final class ValueAssertions {

    private ValueAssertions() {}

    static void assertValidation(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(DynamoDbError.Validation);
                })
                .hasMessage(message);
    }
}

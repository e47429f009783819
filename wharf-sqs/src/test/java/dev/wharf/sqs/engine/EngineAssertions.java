package dev.wharf.sqs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.sqs.api.SqsError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts the exact AWS error an engine call ends with, for engine tests. */
final class EngineAssertions {

    private EngineAssertions() {}

    static void assertError(ThrowingCallable call, SqsError error, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}

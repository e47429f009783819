package dev.wharf.common;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MemberConstraintsTest {

    @Test
    void oneViolationIsWordedAsAwsWordsIt() {
        assertThatThrownBy(() ->
                        MemberConstraints.check().notNull("streamName", null).validate())
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(CommonError.VALIDATION_ERROR);
                })
                .hasMessage("1 validation error detected: Value null at 'streamName' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void violationsAreJoinedInTheOrderTheyWereChecked() {
        assertThatThrownBy(() -> MemberConstraints.check()
                        .pattern("streamName", "bad name", Pattern.compile("[a-zA-Z0-9_.-]+"), false)
                        .length("streamName", "", 1, 128, false)
                        .range("shardCount", 0, 1, 100_000)
                        .oneOf("streamMode", "FAST", List.of("PROVISIONED", "ON_DEMAND"))
                        .length("phoneNumber", "x".repeat(30), 1, 20, true)
                        .validate(CommonError.INVALID_PARAMETER_VALUE))
                .isInstanceOf(AwsException.class)
                .hasMessage("5 validation errors detected: "
                        + "Value 'bad name' at 'streamName' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than"
                        + " or equal to 1; "
                        + "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than"
                        + " or equal to 1; "
                        + "Value 'FAST' at 'streamMode' failed to satisfy constraint: Member must satisfy enum value"
                        + " set: [PROVISIONED, ON_DEMAND]; "
                        + "Value at 'phoneNumber' failed to satisfy constraint: Member must have length less than or"
                        + " equal to 20");
    }

    @Test
    void anEmptyCollectionIsAbsentAndValidValuesPass() {
        assertThatThrownBy(() ->
                        MemberConstraints.check().notNull("tags", Map.of()).validate())
                .hasMessageContaining("Value null at 'tags'");
        assertThatCode(() -> MemberConstraints.check()
                        .notNull("streamName", "s")
                        .pattern("streamName", "s", Pattern.compile("[a-z]+"), false)
                        .length("streamName", "s", 1, 128, false)
                        .range("shardCount", 4, 1, 10)
                        .range("limit", null, 1, 10)
                        .oneOf("streamMode", "ON_DEMAND", List.of("PROVISIONED", "ON_DEMAND"))
                        .range("shardCount", 11, 1, 10 + 1)
                        .validate())
                .doesNotThrowAnyException();
    }
}

package dev.wharf.dynamodb.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Item;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Items, placeholders and error messages, as the expression tests write them. */
final class Fixtures {

    private Fixtures() {}

    /** An item of name and api value pairs. */
    static Item item(Object... pairs) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        }
        return AttributeValues.itemFromApi(attributes);
    }

    /** Placeholder values of {@code :name} and api value pairs. */
    static Map<String, AttributeValue> values(Object... pairs) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        }
        return values;
    }

    /** Placeholder names of {@code #name} and attribute name pairs. */
    static Map<String, String> names(String... pairs) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.put(pairs[i], pairs[i + 1]);
        }
        return names;
    }

    /** The message of the ValidationException that the call ends with. */
    static String validation(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(AwsException.class);
        assertThat(((AwsException) thrown).code()).isEqualTo(DynamoDbError.Validation);
        return String.valueOf(thrown.getMessage());
    }
}

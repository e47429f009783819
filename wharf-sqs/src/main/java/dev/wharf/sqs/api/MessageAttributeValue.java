package dev.wharf.sqs.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message attribute that a caller sets: a data type ({@code String}, {@code Number}, {@code Binary}, optionally with
 * a custom suffix such as {@code Number.int}) and a value of that type.
 *
 * <p>The list values are reserved by AWS and not used.
 */
public record MessageAttributeValue(
        @Nullable String stringValue,
        byte @Nullable [] binaryValue,
        @Nullable List<String> stringListValues,
        @Nullable List<byte[]> binaryListValues,
        String dataType) {

    /** A String, Number or custom string-based attribute. */
    public static MessageAttributeValue ofString(String dataType, String value) {
        return new MessageAttributeValue(value, null, null, null, dataType);
    }

    /** A Binary or custom binary-based attribute. */
    public static MessageAttributeValue ofBinary(String dataType, byte[] value) {
        return new MessageAttributeValue(null, value, null, null, dataType);
    }
}

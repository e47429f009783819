package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/**
 * A message attribute that a publisher sets: a data type ({@code String}, {@code String.Array}, {@code Number} or
 * {@code Binary}, optionally with a custom suffix such as {@code Number.float}) and a value of that type.
 */
public record MessageAttributeValue(
        String dataType, @Nullable String stringValue, byte @Nullable [] binaryValue) {

    public static MessageAttributeValue ofString(String dataType, String value) {
        return new MessageAttributeValue(dataType, value, null);
    }

    public static MessageAttributeValue ofBinary(String dataType, byte[] value) {
        return new MessageAttributeValue(dataType, null, value);
    }

    /** The data type without its custom suffix: {@code Number.float} is {@code Number}. */
    public String baseType() {
        if (dataType.startsWith("String.Array")) {
            return "String.Array";
        }
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }
}

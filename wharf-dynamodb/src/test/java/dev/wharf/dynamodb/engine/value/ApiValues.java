package dev.wharf.dynamodb.engine.value;

import dev.wharf.dynamodb.api.AttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The api's AttributeValues of each type, as tests write them. */
public final class ApiValues {

    private ApiValues() {}

    public static AttributeValue s(String s) {
        return new AttributeValue(s, null, null, null, null, null, null, null, null, null);
    }

    public static AttributeValue n(String n) {
        return new AttributeValue(null, n, null, null, null, null, null, null, null, null);
    }

    /** A binary of the UTF-8 bytes of the text. */
    public static AttributeValue b(String utf8) {
        return new AttributeValue(
                null, null, utf8.getBytes(StandardCharsets.UTF_8), null, null, null, null, null, null, null);
    }

    public static AttributeValue ss(String... values) {
        return new AttributeValue(null, null, null, List.of(values), null, null, null, null, null, null);
    }

    public static AttributeValue ns(String... values) {
        return new AttributeValue(null, null, null, null, List.of(values), null, null, null, null, null);
    }

    /** A binary set of the UTF-8 bytes of the texts. */
    public static AttributeValue bs(String... utf8) {
        List<byte[]> values = new ArrayList<>();
        for (String value : utf8) {
            values.add(value.getBytes(StandardCharsets.UTF_8));
        }
        return new AttributeValue(null, null, null, null, null, values, null, null, null, null);
    }

    public static AttributeValue m(Map<String, AttributeValue> values) {
        return new AttributeValue(null, null, null, null, null, null, values, null, null, null);
    }

    public static AttributeValue l(AttributeValue... values) {
        return new AttributeValue(null, null, null, null, null, null, null, List.of(values), null, null);
    }

    public static AttributeValue bool(boolean value) {
        return new AttributeValue(null, null, null, null, null, null, null, null, value, null);
    }

    public static AttributeValue nul(boolean value) {
        return new AttributeValue(null, null, null, null, null, null, null, null, null, value);
    }
}
